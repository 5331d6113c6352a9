"""Readers and writers: files in, CSL-JSON items out, and back."""
