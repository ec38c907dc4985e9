"""HTML views: a summary with its sources (:mod:`.summary`), an evaluation report and a
comparison (:mod:`.report`). Each is one static page that opens from ``file://``; the
shell, escaping and Content-Security-Policy are :mod:`.page`'s."""
