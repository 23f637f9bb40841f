// InferBench's shim over llama.cpp's C API (include/llama.h). Java calls these plain functions through its Foreign
// Function & Memory API; the parameter structs that llama.h passes by value, and that change between llama.cpp
// releases, stay on this side, compiled against the very llama.h of the library this file is linked with.
// Link with -Wl,-z,now so a library lacking one of the functions below fails dlopen with "undefined symbol: X"
// instead of ending the process at the first call.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llama.h"

// Raised when a function's meaning or signature changes; Java refuses a shim of another version.
#define IBL_ABI 1

int ibl_abi(void) { return IBL_ABI; }

static FILE *ibl_log_file;

// llama.cpp's log goes to a file the engine reads back (the KV cache it made, its warnings), never to the
// measuring process's standard output.
static void ibl_log(enum ggml_log_level level, const char *text, void *user) {
  (void) level;
  (void) user;
  if (ibl_log_file != NULL) {
    fputs(text, ibl_log_file);
    fflush(ibl_log_file);
  }
}

// backend_dir: where ggml's backends are separate libraries (a GGML_BACKEND_DL build: ggml picks the best CPU
// variant there at run time), or NULL where they are linked in. log_path: NULL discards llama.cpp's log.
void ibl_init(const char *backend_dir, const char *log_path) {
  if (log_path != NULL) {
    FILE *f = fopen(log_path, "a");
    if (f != NULL) ibl_log_file = f;
  }
  llama_log_set(ibl_log, NULL);
  if (backend_dir != NULL) ggml_backend_load_all_from_path(backend_dir);
  else ggml_backend_load_all();
  llama_backend_init();
}

const char *ibl_llama_version(void) { return llama_version(); }
const char *ibl_ggml_commit(void) { return ggml_commit(); }
const char *ibl_system_info(void) { return llama_print_system_info(); }

// The load-time layout check: the defaults llama.h documents, read through this file's idea of the structs. A
// library whose structs differ from the header this shim was compiled with reads them at other offsets, so its
// defaults come back wrong; the answer names the first field that does. Returns "" when all agree.
const char *ibl_check_layout(void) {
  struct llama_model_params m = llama_model_default_params();
  struct llama_context_params c = llama_context_default_params();
  if (!m.use_extra_bufts) return "llama_model_params.use_extra_bufts is not the default true";
  if (m.vocab_only || m.check_tensors || m.no_alloc) return "llama_model_params's booleans are not the defaults";
  if (m.kv_overrides != NULL || m.progress_callback_user_data != NULL) return "llama_model_params pointers not NULL";
  if (c.n_ctx != 512 && c.n_ctx != 4096 && c.n_ctx != 0) return "llama_context_params.n_ctx is not a default";
  if (c.n_batch != 2048) return "llama_context_params.n_batch is not the default 2048";
  if (c.n_ubatch != 512) return "llama_context_params.n_ubatch is not the default 512";
  if (c.n_seq_max != 1) return "llama_context_params.n_seq_max is not the default 1";
  if (c.type_k != GGML_TYPE_F16 || c.type_v != GGML_TYPE_F16) return "llama_context_params cache types not f16";
  if (c.abort_callback != NULL || c.cb_eval != NULL) return "llama_context_params callbacks not NULL";
  if (c.samplers != NULL || c.n_samplers != 0 || c.ctx_other != NULL) return "llama_context_params tail not empty";
  return "";
}

void *ibl_model_load(const char *path, int n_gpu_layers, int use_mmap) {
  struct llama_model_params p = llama_model_default_params();
  p.n_gpu_layers = n_gpu_layers;
  p.load_mode = use_mmap ? LLAMA_LOAD_MODE_MMAP : LLAMA_LOAD_MODE_NONE;
  return llama_model_load_from_file(path, p);
}

void ibl_model_free(void *model) { llama_model_free((struct llama_model *) model); }

int ibl_n_vocab(void *model) { return llama_vocab_n_tokens(llama_model_get_vocab((struct llama_model *) model)); }

int ibl_is_eog(void *model, int token) {
  return llama_vocab_is_eog(llama_model_get_vocab((struct llama_model *) model), token);
}

// A context with its batch, its logits' width and the ids that greedy choice skips.
struct ibl_session {
  struct llama_context *ctx;
  struct llama_batch batch;
  int capacity;
  int n_vocab;
  unsigned char *banned;
};

void *ibl_session_new(void *model, int n_ctx, int n_batch, int n_ubatch, int n_seq_max, int n_threads,
                      int n_threads_batch, int flash_attn, int type_k, int type_v) {
  struct llama_context_params p = llama_context_default_params();
  p.n_ctx = (uint32_t) n_ctx;
  p.n_batch = (uint32_t) n_batch;
  p.n_ubatch = (uint32_t) n_ubatch;
  p.n_seq_max = (uint32_t) n_seq_max;
  p.n_threads = n_threads;
  p.n_threads_batch = n_threads_batch;
  p.flash_attn_type = flash_attn ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
  p.type_k = (enum ggml_type) type_k;
  p.type_v = (enum ggml_type) type_v;
  p.no_perf = true;
  struct llama_context *ctx = llama_init_from_model((struct llama_model *) model, p);
  if (ctx == NULL) return NULL;
  struct ibl_session *s = calloc(1, sizeof *s);
  s->ctx = ctx;
  s->capacity = (int) llama_n_batch(ctx);
  s->batch = llama_batch_init(s->capacity, 0, 1);
  s->n_vocab = ibl_n_vocab((void *) llama_get_model(ctx));
  s->banned = calloc((size_t) s->n_vocab, 1);
  return s;
}

void ibl_session_free(void *session) {
  struct ibl_session *s = session;
  llama_batch_free(s->batch);
  llama_free(s->ctx);
  free(s->banned);
  free(s);
}

int ibl_n_ctx(void *session) { return (int) llama_n_ctx(((struct ibl_session *) session)->ctx); }
int ibl_n_batch(void *session) { return ((struct ibl_session *) session)->capacity; }
int ibl_n_ubatch(void *session) { return (int) llama_n_ubatch(((struct ibl_session *) session)->ctx); }

void ibl_ban(void *session, const int *ids, int n, int banned) {
  struct ibl_session *s = session;
  for (int i = 0; i < n; i++) {
    if (ids[i] >= 0 && ids[i] < s->n_vocab) s->banned[ids[i]] = (unsigned char) (banned != 0);
  }
}

// One llama_decode of n tokens (n <= n_batch): token i at position pos[i] of sequence seq[i], its logits kept
// when logits[i] != 0. Returns llama_decode's result (0: done).
int ibl_decode(void *session, int n, const int *tokens, const int *pos, const int *seq, const signed char *logits) {
  struct ibl_session *s = session;
  if (n < 1 || n > s->capacity) return -100;
  for (int i = 0; i < n; i++) {
    s->batch.token[i] = tokens[i];
    s->batch.pos[i] = pos[i];
    s->batch.n_seq_id[i] = 1;
    s->batch.seq_id[i][0] = seq[i];
    s->batch.logits[i] = logits[i];
  }
  s->batch.n_tokens = n;
  return llama_decode(s->ctx, s->batch);
}

// Greedy choice from the logits of batch entry i: the highest logit among ids not banned (the first on a tie).
int ibl_argmax(void *session, int i) {
  struct ibl_session *s = session;
  const float *l = llama_get_logits_ith(s->ctx, i);
  if (l == NULL) return -1;
  int best = -1;
  float top = -INFINITY;
  for (int t = 0; t < s->n_vocab; t++) {
    if (!s->banned[t] && (best < 0 || l[t] > top)) {
      best = t;
      top = l[t];
    }
  }
  return best;
}

// Copies the logits of batch entry i (n_vocab floats) into out; returns 0, or -1 where there are none.
int ibl_logits(void *session, int i, float *out) {
  struct ibl_session *s = session;
  const float *l = llama_get_logits_ith(s->ctx, i);
  if (l == NULL) return -1;
  memcpy(out, l, sizeof(float) * (size_t) s->n_vocab);
  return 0;
}

// Forgets a sequence's cells (seq < 0: every sequence), so the next request starts from an empty context.
int ibl_forget(void *session, int seq) {
  llama_memory_t mem = llama_get_memory(((struct ibl_session *) session)->ctx);
  if (seq < 0) {
    llama_memory_clear(mem, true);
    return 1;
  }
  return llama_memory_seq_rm(mem, seq, -1, -1);
}

// The highest position a sequence holds in the memory, -1 when it holds none.
int ibl_pos_max(void *session, int seq) {
  return llama_memory_seq_pos_max(llama_get_memory(((struct ibl_session *) session)->ctx), seq);
}

#ifdef IBL_PROBE
// The same file built as a program: what the library says about itself, printed for the JVM that plans a run and
// must not load native code (argument 1: the backends' directory of a GGML_BACKEND_DL build).
int main(int argc, char **argv) {
  ibl_init(argc > 1 && argv[1][0] != '\0' ? argv[1] : NULL, NULL);
  printf("abi=%d\nversion=%s\ncommit=%s\nstructs=%s\nsystem=%s\n", ibl_abi(), ibl_llama_version(), ibl_ggml_commit(),
         ibl_check_layout(), ibl_system_info());
  return 0;
}
#endif
