"""Checks on a job's rendered output (size, accessibility, legal footer, subject length...).

`output.py` defines what a check reads and its one signature; `registry.py` lists every
check, by code, in one plain literal (nothing registers itself on import); one module per
family of checks (`content.py`, ...) holds the functions.
"""
