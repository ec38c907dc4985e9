#!/usr/bin/env bash
# Serve a local model with `transformers serve` on this machine's CPU, refine EXAMPLE
# through it (refine.backend=openai, configs/abstractive-server.yaml) and ALWAYS stop the
# server, whatever happens (a trap on exit, Ctrl-C included). Called by
# `make demo-abstractive`:
#
#   scripts/serve-and-refine.sh VENV MODEL_DIR EXAMPLE OUT_JSON
#
# PORT (default 8765, the config's base_url) and WAIT (seconds to wait for GET /health,
# default 120) may be set in the environment; the server's log goes to OUT_JSON's folder.
set -euo pipefail

up() {  # does something answer GET /health on the port? (python: curl may not be installed)
    "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$port/health" 2>/dev/null
}

venv=$1 model=$2 example=$3 out=$4
port=${PORT:-8765}
wait_s=${WAIT:-120}
mkdir -p "$(dirname "$out")"
log="$(dirname "$out")/transformers-serve.log"
export HF_HUB_OFFLINE=1

if up; then
    echo "error: something already answers on port $port; stop it or set PORT" >&2
    exit 1
fi

"$venv/bin/transformers" serve "$model" --host 127.0.0.1 --port "$port" --device cpu \
    >"$log" 2>&1 &
server=$!
stop() {
    if kill -0 "$server" 2>/dev/null; then
        kill "$server" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

start=$SECONDS
echo "serving $model on http://127.0.0.1:$port (log: $log) ..."
until up; do
    if ! kill -0 "$server" 2>/dev/null; then
        echo "error: transformers serve exited before answering /health; its log ends:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    if (( SECONDS - start >= wait_s )); then
        echo "error: transformers serve did not answer http://127.0.0.1:$port/health within" \
             "${wait_s}s (set WAIT to wait longer); its log ends:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    sleep 0.5
done
echo "server up in $((SECONDS - start)) s"

"$venv/bin/summarizer" summarize "$example" --config configs/abstractive-server.yaml \
    --set "refine.openai.base_url=http://127.0.0.1:$port/v1" --set "refine.model=$model" \
    --format json -o "$out"
"$venv/bin/python" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(json.dumps({k: d[k] for k in ("summary", "extract", "unsupported")}, indent=2))' "$out"
