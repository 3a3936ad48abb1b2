"""The hostile-input corpus (*.txt, outcomes defined in tests/test_hostile_inputs.py), its valid
scripted replies, and the recorder behind docs/reliability.md."""
