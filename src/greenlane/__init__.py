"""greenlane: supply-chain security and trade facilitation for customs."""

from greenlane.errors import GreenlaneError
from greenlane.settings import Settings, get_settings

__all__ = ["GreenlaneError", "Settings", "__version__", "get_settings"]

__version__ = "0.1.0"
