"""Mechanism-design kernel: exact finite objects and certified optimisation."""
