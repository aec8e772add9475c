"""Interoperability: people in from vCards and LinkedIn, out as vCards and calendars."""
