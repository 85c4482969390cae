"""Background work: mail, imports, exports.

Runs on RQ workers, or in-process on the embedded default.
"""
