"""The exposure scanner: finds what social-media posts reveal to an outsider."""
