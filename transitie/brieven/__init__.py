"""Raadsinformatiebrieven: compose, render, publish, and the commitments they make."""
