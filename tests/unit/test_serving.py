"""A serving process: start-up objects out of the collector's way, young collections spaced."""

import json
import subprocess
import sys

from app.serving import YOUNG_COLLECTION_THRESHOLD

# In a process of its own: freezing and thresholds are the whole interpreter's.
PROBE = """
import gc, json
from flask import Flask
from app.serving import serving
before = gc.get_threshold()
app = Flask("probe")
served = serving(app)
print(json.dumps({"same": served is app, "frozen": gc.get_freeze_count(),
                  "before": before, "after": gc.get_threshold()}))
"""


def test_serving_freezes_start_up_objects_and_spaces_young_collections():
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert found["same"] and found["frozen"] > 0
    young, middle, old = found["before"]
    assert found["after"] == [YOUNG_COLLECTION_THRESHOLD, middle, old]
    assert young < YOUNG_COLLECTION_THRESHOLD
