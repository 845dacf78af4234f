"""Small plugins for the host's tests, one per way a plugin can be good or go wrong."""
