"""The demo site of `manage.py load_demo_content`: its loader, its drawings and documents,
and the French typography of its data (the data itself is in fixtures/demo/)."""
