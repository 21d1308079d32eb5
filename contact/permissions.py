"""Reading and exporting the contact form's messages: one permission guards both, and it makes
the second factor compulsory at sign-in (accounts/rules.py), like the subscribers' export."""

EXPORT_PERMISSION = "contact.export_contactsubmission"
