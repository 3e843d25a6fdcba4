"""Encoded papers, one package per paper (p<NNN>_<short-name>), ids from shared/specs."""
