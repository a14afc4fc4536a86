"""Saved progress and settings: SQLite in the user data directory (--data-dir, $TCPTUI_DATA_DIR).

with Store.open(data_dir) as store:
    store.record_result(attempt.result())      # a finished puzzle, one transaction
    store.best_results()                       # puzzle id -> best Result (stars)
load_settings(data_dir) / save_settings(settings, data_dir)
"""

from .._lazy import lazy_exports

# Each name is imported from its module on first use (start-up stays light).
_EXPORTS = {
    "Answer": "store",
    "CorruptStoreWarning": "store",
    "Settings": "settings",
    "Store": "store",
    "data_dir": "location",
    "load_settings": "settings",
    "save_settings": "settings",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
