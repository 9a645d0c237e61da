from . import _ufuncs
