# The methodology has no tables: its stages and rules are code (methodology/stages.py).
