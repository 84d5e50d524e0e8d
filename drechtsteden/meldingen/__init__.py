"""Notifications: who must act, told in the portal's inbox and by e-mail (sent by the worker)."""
