"""The Open Referral UK tests use the suite-wide fixtures in tests/conftest.py."""
