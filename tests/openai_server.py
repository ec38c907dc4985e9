"""A real OpenAI-compatible server for tests: ``transformers serve`` pinned to one local model.

Tests of the OpenAI client need a genuine server process (its real routes, status codes and
error bodies), not a mock. This script starts ``transformers.cli.serve.Serve`` unchanged and
adds a few hooks under ``/_test`` so a test can count requests and inject a failure (a 429
with ``Retry-After``) or a slow answer:

    GET  /_test/stats   -> {"requests": {"POST /v1/chat/completions": n, ...}, "max_in_flight": k}
                        (/_test not counted; k: most chat completions handled at once)
    POST /_test/fail    {"status": 429, "times": 1, "retry_after": 0, "message": null}: the next
                        ``times`` chat completions get that status and an OpenAI-style error body
    POST /_test/delay   {"seconds": 3.0}: every later chat completion sleeps first; 0 turns it off
    POST /_test/reset   clears counters, pending failures and the delay

With ``--tokenize`` it also serves a vLLM-compatible ``POST /tokenize``.

    python tests/openai_server.py MODEL_DIR --port N [--tokenize]

Driven from tests by ``tests/servers.py`` (``OpenAIServer``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections import Counter

os.environ["HF_HUB_OFFLINE"] = "1"

CHAT = ("POST", "/v1/chat/completions")
STATE: dict = {"requests": Counter(), "fail": [], "delay": 0.0, "in_flight": 0, "max_in_flight": 0}
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
               404: "not_found_error", 429: "rate_limit_error"}


def error_body(message: str, type_: str, code) -> dict:
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


def add_test_hooks(app, model: str, tokenize: bool) -> None:
    from fastapi import Request
    from fastapi.responses import JSONResponse

    @app.middleware("http")
    async def test_hooks(request: Request, call_next):
        key = (request.method, request.url.path)
        if key[1].startswith("/_test/"):
            return await call_next(request)
        STATE["requests"][key] += 1
        if key != CHAT:
            return await call_next(request)
        STATE["in_flight"] += 1
        STATE["max_in_flight"] = max(STATE["max_in_flight"], STATE["in_flight"])
        try:
            if STATE["delay"] > 0:
                await asyncio.sleep(STATE["delay"])
            if STATE["fail"]:
                status, retry_after, message = STATE["fail"].pop(0)
                headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
                kind = ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
                return JSONResponse(error_body(message or f"injected failure ({status}) by /_test/fail",
                                               kind, status), status_code=status, headers=headers)
            return await call_next(request)
        finally:
            STATE["in_flight"] -= 1

    @app.get("/_test/stats")
    def stats():
        return {"requests": {f"{m} {p}": n for (m, p), n in STATE["requests"].items()},
                "max_in_flight": STATE["max_in_flight"]}

    @app.post("/_test/fail")
    def fail(body: dict):
        status, times = int(body.get("status", 429)), int(body.get("times", 1))
        STATE["fail"].extend([(status, body.get("retry_after"), body.get("message"))] * times)
        return {"pending": len(STATE["fail"])}

    @app.post("/_test/delay")
    def delay(body: dict):
        STATE["delay"] = float(body.get("seconds", 0))
        return {"seconds": STATE["delay"]}

    @app.post("/_test/reset")
    def reset():
        STATE["requests"].clear()
        STATE["fail"].clear()
        STATE["delay"] = 0.0
        STATE["max_in_flight"] = 0
        return {"status": "ok"}

    if tokenize:
        from transformers import AutoConfig, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(model)
        max_len = getattr(AutoConfig.from_pretrained(model), "max_position_embeddings", None)

        @app.post("/tokenize")
        def tokenize_route(body: dict):
            if body.get("model") not in (None, model):
                return JSONResponse(error_body(f"The model `{body['model']}` does not exist.",
                                               "NotFoundError", 404), status_code=404)
            if "messages" in body:
                # As transformers serve does for a text model: content parts collapse to one string.
                messages = [{**m, "content": m["content"] if isinstance(m.get("content"), str) else
                             " ".join(p.get("text", "") for p in m.get("content") or [])}
                            for m in body["messages"]]
                out = tokenizer.apply_chat_template(
                    messages, add_generation_prompt=body.get("add_generation_prompt", True), tokenize=True)
                tokens = out["input_ids"] if hasattr(out, "keys") else out
            else:
                tokens = tokenizer(body.get("prompt", ""),
                                   add_special_tokens=body.get("add_special_tokens", True))["input_ids"]
            tokens = list(tokens)
            return {"count": len(tokens), "max_model_len": max_len, "tokens": tokens, "token_strs": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tokenize", action="store_true", help="also serve a vLLM-style POST /tokenize")
    args = parser.parse_args()

    import transformers.cli.serving.server as server_module
    from transformers.cli.serve import Serve

    build_server = server_module.build_server

    def build_with_hooks(*a, **kw):
        app = build_server(*a, **kw)
        add_test_hooks(app, args.model_dir, args.tokenize)
        return app

    server_module.build_server = build_with_hooks
    Serve(force_model=args.model_dir, host="127.0.0.1", port=args.port, device="cpu", log_level="warning")


if __name__ == "__main__":
    main()
