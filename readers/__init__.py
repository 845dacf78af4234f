"""Readers' accounts: the allauth adapter and forms, the one sign-in door, MFA and
public names."""
