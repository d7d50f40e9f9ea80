"""Word lists the demo clinic is made of: Korean places, clinical terms and the phrases of its notes.

Data only, no logic: every list is a tuple so generators can index it with numpy arrays.
"""
