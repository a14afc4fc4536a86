"""Saved progress and settings: SQLite in the user data directory (--data-dir, $TCPTUI_DATA_DIR).

    with Store.open(data_dir) as store:
        store.record_result(attempt.result())      # a finished puzzle, one transaction
        store.best_results()                       # puzzle id -> best Result (stars)
    load_settings(data_dir) / save_settings(settings, data_dir)
"""

from .settings import Settings, load_settings, save_settings
from .store import Answer, CorruptStoreWarning, Store, data_dir

__all__ = ["Answer", "CorruptStoreWarning", "Settings", "Store", "data_dir", "load_settings", "save_settings"]
