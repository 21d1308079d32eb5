// Progressive enhancements; every feature works without this file.
