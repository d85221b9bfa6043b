# A package, so that a browser test may share its file name with a test in tests/
# (tests/test_coverage_page.py and tests/browser/test_coverage_page.py) without an
# "import file mismatch". Its test modules are imported as browser.test_*.
