"""Size and count limits for uploads and fetches, in one place so they are documented.

Uploads are read into memory and never extracted to disk, so every limit bounds the
memory and time one upload can cost. Real exports stay far below them: a 50 MB
tweets.js holds roughly 50,000 posts.
"""

from __future__ import annotations

MB = 1024 * 1024

# Uploads
MAX_ARCHIVE_BYTES = 200 * MB  # a .zip, .tar.gz or .tar as uploaded
MAX_FILE_BYTES = 50 * MB  # a single JSON, JS, CSV or JSONL file, uploaded or inside an archive
MAX_ARCHIVE_MEMBERS = 50_000  # photo-heavy Facebook and Instagram exports hold many files
MAX_UNPACKED_BYTES = 2048 * MB  # declared uncompressed total of all members of an archive
MAX_KEPT_BYTES = 200 * MB  # total of the post files one archive may hand to the parsers
MAX_COMPRESSION_RATIO = 100  # per member; JSON and CSV compress about 5-20 times
RATIO_CHECK_MIN_BYTES = 1 * MB  # tiny members may compress strongly without harm
MAX_POSTS_PER_IMPORT = 100_000
MAX_POST_CHARS = 20_000  # longer texts are shortened, with a warning

# Fetches
DEFAULT_FETCH_LIMIT = 200
MAX_FETCH_LIMIT = 1_000
MAX_FETCH_PAGES = 60
MAX_RESPONSE_BYTES = 5 * MB  # one page of statuses is about 100 KB
CONNECT_TIMEOUT = 5.0  # seconds
READ_TIMEOUT = 20.0
MAX_RETRIES = 3  # on connection errors and 5xx, with exponential backoff
BACKOFF_FACTOR = 0.5
MAX_BACKOFF = 10.0
MAX_RATE_LIMIT_WAIT = 60.0  # longer waits stop the fetch and say when to try again
MAX_RATE_LIMIT_RETRIES = 3
MAX_REDIRECTS = 5
