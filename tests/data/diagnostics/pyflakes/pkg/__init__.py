"""A package that extends its own search path: __path__ is defined in a package."""
from pkgutil import extend_path

__path__ = extend_path(__path__, __name__)
