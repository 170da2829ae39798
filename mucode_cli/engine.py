"""The one model layer: loads any GGUF through llama.cpp, generates and scores.

Generation and verifier scoring share one loaded model when the verifier is the generator
itself (the zero-shot default), so only one copy of the weights is in memory.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from .answers import fence_closed
from .core import Branch, Completion, Message, SampleParams, split_lead
from .errors import UserError
from .models import resolve_model
from .quiet import quiet_stderr


def physical_cores() -> int:
    """Physical cores, not hyper-threads: llama.cpp gets slower past them."""
    try:
        seen = set()
        phys = core = None
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("physical id"):
                    phys = line.split(":")[1].strip()
                elif line.startswith("core id"):
                    core = line.split(":")[1].strip()
                elif not line.strip():
                    if core is not None:
                        seen.add((phys, core))
                    phys = core = None
        if seen:
            return len(seen)
    except OSError:
        pass
    return os.cpu_count() or 1  # no /proc/cpuinfo (macOS, Windows): logical cores


def _gpu_placement() -> dict:
    """All layers on the GPU when llama-cpp-python was built with CUDA/Metal/Vulkan.

    Under a multi-process launcher each process keeps to its own GPU (LOCAL_RANK)
    instead of llama.cpp's default of splitting one model across every visible GPU.
    """
    import llama_cpp

    if not llama_cpp.llama_supports_gpu_offload():
        return {}
    out = {"n_gpu_layers": -1}
    if "LOCAL_RANK" in os.environ:
        out.update(split_mode=llama_cpp.LLAMA_SPLIT_MODE_NONE, main_gpu=int(os.environ["LOCAL_RANK"]))
    return out


class ThreadGovernor:
    """One core fewer for llama.cpp while a sandboxed test runs beside it.

    llama.cpp's threads wait for each other at every operation, so when a test process
    takes one of their cores all of them stall: on 2 cores, decoding with 2 threads ran
    ~20x slower next to a busy process, while 1 thread ran exactly as fast as it does on
    an idle machine (half the 2-thread speed). Checked before every decode call.
    """

    def __init__(self, threads: int, busy: Callable[[], object] = lambda: False):
        self.threads = threads
        self.busy = busy  # true while a sandboxed run is in flight: ``sandbox.runs_in_flight``
        self.current: dict[int, int] = {}  # context address -> threads it has now

    def apply(self, ctx) -> None:
        import llama_cpp

        want = max(1, self.threads - 1) if self.busy() else self.threads
        key = id(ctx)  # each context object lives as long as its model
        if self.current.get(key) != want:
            llama_cpp.llama_set_n_threads(ctx, want, want)
            self.current[key] = want


def _cpu_has_amx() -> bool:
    try:
        with open("/proc/cpuinfo") as f:
            return " amx_tile" in f.read()
    except OSError:
        return False


@contextlib.contextmanager
def _no_extra_buffer_types(enabled: bool):
    """Load without llama.cpp's "extra buffer types" (weight repacking).

    On CPUs with AMX, a native build repacks weights for AMX tiles, and decoding then
    segfaults on the VMs we test on (seen with llama-cpp-python 0.3.36). The high-level
    ``Llama`` has no switch for ``use_extra_bufts``, so its default params are patched
    for the duration of the load. MUCODE_REPACK=1 keeps repacking on.
    """
    if not enabled:
        yield
        return
    import llama_cpp
    import llama_cpp.llama as llama_mod

    orig = llama_cpp.llama_model_default_params

    def params():
        p = orig()
        p.use_extra_bufts = False
        return p

    llama_mod.llama_cpp.llama_model_default_params = params
    try:
        yield
    finally:
        llama_mod.llama_cpp.llama_model_default_params = orig


class LlamaModel:
    """A loaded GGUF: chat formatting, sampling, and Yes/No verifier scoring."""

    def __init__(self, spec: str | Path, n_ctx: int = 8192, threads: int | None = None, seed: int = 0,
                 busy: Callable[[], object] | None = None, logits_all: bool = False):
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.path = resolve_model(str(spec))
        self.threads = threads or physical_cores()
        try:
            no_repack = _cpu_has_amx() and os.environ.get("MUCODE_REPACK") != "1"
            with quiet_stderr(), _no_extra_buffer_types(no_repack):
                self.llm = Llama(
                    model_path=str(self.path), n_ctx=n_ctx, n_threads=self.threads,
                    n_threads_batch=self.threads, n_batch=512, seed=seed, verbose=False,
                    logits_all=logits_all, **_gpu_placement(),
                )
        except (ValueError, RuntimeError, OSError) as e:
            raise UserError(f"cannot load model {self.path}: the file is corrupt or not a supported GGUF ({e})") from None
        self.governor = ThreadGovernor(self.threads, busy or (lambda: False))
        self.n_ctx = self.llm.n_ctx()
        self.n_vocab = self.llm.n_vocab()
        self.n_embd = self.llm.n_embd()
        # Flash attention in the batched context: faster where a turn is mostly prompt reading
        # and scoring (fix), slower for long sampled answers (bench sets it off); see batched.py.
        self.flash_attn = True
        self.name = self.llm.metadata.get("general.name") or self.path.stem
        template = self.llm.metadata.get("tokenizer.chat_template")
        eos, bos = self.llm.token_eos(), self.llm.token_bos()
        eos_text = self.llm._model.token_get_text(eos) if eos != -1 else ""
        bos_text = self.llm._model.token_get_text(bos) if bos != -1 else ""
        self._formatter = Jinja2ChatFormatter(template, eos_text, bos_text) if template else None
        self._vocab = self.llm._model.vocab
        self._adapter = None  # the LoRA adapter set on the scoring context (llama.cpp pointer)

    # -- prompts -----------------------------------------------------------------------
    def format_chat(self, messages: list[Message]) -> str:
        if self._formatter is None:  # a GGUF without a template: plain ChatML
            body = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
            return body + "<|im_start|>assistant\n"
        return self._formatter(messages=messages).prompt

    def tokenize_chat(self, messages: list[Message] | str | list[int]) -> list[int]:
        """A chat through the model's template; a string is a raw prompt, taken as is, and a
        list of token ids is already tokenized. A chat ending with an assistant message: the
        generation prompt, then that message's start, left open (core.split_lead)."""
        if isinstance(messages, list) and all(isinstance(t, int) for t in messages) and messages:
            return list(messages)
        messages, lead = split_lead(messages)
        text = messages if isinstance(messages, str) else self.format_chat(messages) + lead
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def fim_tokens(self) -> tuple[str, str, str] | None:
        """The model's fill-in-the-middle markers (prefix, suffix, middle) from its GGUF vocab,
        or None: a model not trained on FIM (SmolLM2) gets no cloze prompts."""
        import llama_cpp

        ids = [f(self._vocab) for f in (llama_cpp.llama_vocab_fim_pre, llama_cpp.llama_vocab_fim_suf,
                                        llama_cpp.llama_vocab_fim_mid)]
        if any(i < 0 for i in ids):
            return None
        pre, suf, mid = (self.llm._model.token_get_text(i) for i in ids)
        return pre, suf, mid

    def line_branches(self, prompts: list[str], lines: list[str], k: int) -> list[Branch]:
        """Each line as written, read after its prompt (a fill-in-the-middle prompt with that
        line left out): wherever the model's own next token differs from the one written,
        a branch, ranked by how much likelier the model's token is. For each of the k most
        surprising, best first: the line up to the model's token (to be continued), then the
        line with only that token replaced (complete). Whitespace-only alternatives
        (``' ='`` for ``'='``) are passed over for the model's next likeliest token."""
        prompt_ids = [self.tokenize_chat(p) for p in prompts]
        line_ids = [self.llm.tokenize(line.encode("utf-8"), add_bos=False, special=False) for line in lines]
        fits = [i for i, (p, c) in enumerate(zip(prompt_ids, line_ids)) if c and len(p) + len(c) < self.n_ctx - 16]
        if not fits or k <= 0:
            return []
        cells = sum(len(prompt_ids[i]) + len(line_ids[i]) + 2 for i in fits)
        sampler = self._batched(len(fits), cells)
        stats = sampler.score([prompt_ids[i] for i in fits], [line_ids[i] for i in fits])
        found = []
        for i, rows in zip(fits, stats):
            p, c = prompt_ids[i], line_ids[i]
            for j, row in enumerate(rows):
                if int(row[1]) == c[j]:
                    continue  # the model would write this token too
                before = self._text(c[:j], p)
                written = self._text(c[: j + 1], p)[len(before):].strip()
                # The likeliest token that says something else: the indent tokens of a
                # fill-in-the-middle line and `' ='` for `'='` are not another way to write it.
                for alt, alt_lp in zip(row[1::2].astype(int), row[2::2]):
                    head = self._text(c[:j] + [int(alt)], p)
                    if alt_lp > row[0] and head[len(before):].strip() not in ("", written):
                        # Also the line with just that token replaced: the continuation may
                        # drift (`i % 2 == 0` for `i // 2 != 0`) where one token was the bug.
                        swapped = self._text(c[:j] + [int(alt)] + c[j + 1:], p)
                        found.append((float(alt_lp - row[0]), i, p + c[:j] + [int(alt)], head, swapped))
                        break
        found.sort(key=lambda f: -f[0])
        out = []
        for surprise, i, ids, head, swapped in found[:k]:
            out.append(Branch(i, ids, head, surprise))
            if swapped != head and "\n" in swapped:
                out.append(Branch(i, ids, swapped, surprise))  # complete: nothing to generate
        return out

    def _text(self, ids: list[int], context: list[int]) -> str:
        return self.llm.detokenize(ids, prev_tokens=context).decode("utf-8", "replace")

    # -- generation --------------------------------------------------------------------
    def sample(self, messages: list[Message], n: int, params: SampleParams, seed: int,
               on_token: Callable[[int], None] | None = None) -> Iterator[Completion]:
        """n completions, each yielded as soon as it is finished; seeds seed, seed+1, ..."""
        yield from self.sample_many([(messages, n, params, seed)], on_token)

    def sample_many(self, asks: list[tuple[list[Message], int, SampleParams, int]],
                    on_token: Callable[[int], None] | None = None) -> Iterator[Completion]:
        """Completions for several prompts at once ((messages, n, params, seed) each), each
        yielded as soon as it is finished, with ``ask`` and ``index`` saying which it is.

        Fast path (every ask's ``params.fast``): all sequences of all prompts decode together
        in one batch (mucode_cli/batched.py). Plain path: one after another through
        ``Llama.generate``, which keeps the longest common prefix of its KV cache, so samples
        2..n of a prompt only re-evaluate its last token.
        """
        from .batched import Ask

        prepared = []
        for messages, n, params, seed in asks:
            prompt = self.tokenize_chat(messages)
            budget = self.n_ctx - len(prompt) - 1
            if budget < 16:
                raise UserError(f"the prompt ({len(prompt)} tokens) does not fit the model's context ({self.n_ctx})")
            prepared.append(Ask(prompt, n, params, [seed + i for i in range(n)], min(params.max_tokens, budget),
                                split_lead(messages)[1]))
        if all(a.params.fast for a in prepared):
            total = sum(a.n for a in prepared)
            cells = sum(len(a.prompt) + a.n * (a.max_tokens + a.params.draft_tokens + 2) for a in prepared)
            sampler = self._batched(total, cells)
            draft_tokens = max(a.params.draft_tokens for a in prepared)
            sampler.draft_tokens = draft_tokens
            yield from sampler.sample_asks(prepared, draft=draft_tokens > 0, on_token=on_token)
            return
        for k, a in enumerate(prepared):
            for i in range(a.n):
                one = replace(a.params, temperature=0.0) if i == 0 and a.params.greedy_first else a.params
                comp = self._sample_one(a.prompt, one, a.max_tokens, a.seeds[i], on_token, a.lead)
                comp.index, comp.ask = i, k
                yield comp

    def _batched(self, n: int, cells: int):
        from .batched import BatchedSampler

        cur = getattr(self, "_batch_sampler", None)
        if cur is None or cur.n_seq < n or cur.n_ctx < cells or cur.flash_attn != self.flash_attn:
            if cur is not None:
                cur.close()
            # Round up so that later turns with longer prompts reuse the same context.
            size = max(cells, self.n_ctx + n * 1024)
            self._batch_sampler = BatchedSampler(self, n_seq=max(n, 24), n_ctx=size, flash_attn=self.flash_attn)
        return self._batch_sampler

    def _sample_one(self, prompt: list[int], params: SampleParams, max_tokens: int, seed: int,
                    on_token: Callable[[int], None] | None, lead: str = "") -> Completion:
        import llama_cpp

        start = time.monotonic()
        self._use_adapter(None)  # the generator's answers never come from a verifier's weights
        self.llm.set_seed(seed & 0x7FFFFFFF)
        greedy = params.temperature <= 0
        out: list[int] = []
        text = lead.encode("utf-8")  # the answer's given start: a fence it opens closes in what follows
        finish = "length"
        # llama.cpp's penalty looks at the last 64 tokens, not the whole context as the fast
        # path's does: the plain path is for comparisons, where the default (1.0) is used.
        gen = self.llm.generate(
            prompt, temp=params.temperature if not greedy else 0.0, top_p=params.top_p if not greedy else 1.0,
            top_k=params.top_k if not greedy else 1, min_p=0.0,
            repeat_penalty=params.repeat_penalty if not greedy else 1.0,
        )
        try:
            self.governor.apply(self.llm._ctx.ctx)
            for tok in gen:
                self.governor.apply(self.llm._ctx.ctx)  # before the next token's decode
                if llama_cpp.llama_vocab_is_eog(self._vocab, tok):
                    finish = "stop"
                    break
                piece = self.llm.detokenize([tok], prev_tokens=prompt + out)
                out.append(tok)
                text += piece
                if on_token is not None:
                    on_token(1)
                if params.stop_at_fence and b"`" in piece and fence_closed(text.decode("utf-8", "replace")):
                    finish = "fence"
                    break
                if params.stop_at_line and b"\n" in piece:
                    finish = "line"
                    break
                if len(out) >= max_tokens:
                    break
        finally:
            gen.close()
        return Completion(text.decode("utf-8", "replace"), len(out), time.monotonic() - start, finish, len(prompt))

    # -- LoRA adapters: a trained verifier over these same weights ------------------------
    def load_adapter(self, path: str | Path):
        """A llama.cpp LoRA adapter (GGUF) over this model's weights, for ``adapter=`` of the
        scoring calls; llama.cpp frees it with the model. Only the scoring context ever has it
        set: sampling (the batched context, and the plain path, which clears it) never does."""
        import llama_cpp

        with quiet_stderr():
            adapter = llama_cpp.llama_adapter_lora_init(self.llm._model.model, str(path).encode("utf-8"))
        if not adapter:
            raise UserError(f"cannot load LoRA adapter {path} over {self.name}: not a LoRA adapter of "
                            "this model (another architecture or other tensor shapes)")
        return adapter

    def _use_adapter(self, adapter) -> None:
        """Set (or clear, None) the scoring context's adapter. A change drops the cached prefix:
        its keys and values were computed under the other weights."""
        import ctypes

        import llama_cpp

        if adapter == self._adapter:
            return
        ctx = self.llm._ctx.ctx
        if adapter is None:
            rc = llama_cpp.llama_set_adapters_lora(ctx, None, 0, None)
        else:
            rc = llama_cpp.llama_set_adapters_lora(ctx, (llama_cpp.llama_adapter_lora_p_ctypes * 1)(adapter), 1,
                                                   (ctypes.c_float * 1)(1.0))
        if rc != 0:
            raise RuntimeError(f"llama_set_adapters_lora failed ({rc})")
        self._adapter = adapter
        self.llm.n_tokens = 0

    # -- scoring -----------------------------------------------------------------------
    def _eval_reusing_prefix(self, tokens: list[int]) -> None:
        llm = self.llm
        common = 0
        limit = min(llm.n_tokens, len(tokens) - 1)  # at least one token is evaluated: fresh logits
        ids = llm.input_ids
        while common < limit and ids[common] == tokens[common]:
            common += 1
        llm.n_tokens = common
        llm.eval(tokens[common:])

    def last_logits(self) -> np.ndarray:
        return np.ctypeslib.as_array(self.llm._ctx.get_logits(), shape=(self.n_vocab,)).copy()

    def token_id(self, text: str) -> int:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)[0]

    def _scoring_tokens(self, messages: list[Message], assistant_prefix: str = "") -> list[int]:
        prompt = self.format_chat(messages) + assistant_prefix
        tokens = self.llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        return tokens[-(self.n_ctx - 1):] if len(tokens) >= self.n_ctx else tokens

    def next_token_logits(self, messages: list[Message], assistant_prefix: str = "", adapter=None) -> np.ndarray:
        """``adapter``: from ``load_adapter``, applied for this call only (None: the plain model)."""
        self._use_adapter(adapter)
        self._eval_reusing_prefix(self._scoring_tokens(messages, assistant_prefix))
        return self.last_logits()

    def verifier_state(self, messages: list[Message], adapter=None) -> tuple[np.ndarray, np.ndarray]:
        """The next-token logits and the final hidden state (after the last norm: what the LM
        head reads) at the end of the chat's generation prompt, from one forward pass.

        The last token is evaluated on its own with embeddings on: llama.cpp then outputs
        every token of a batch (the LM head over the whole vocabulary per token), which for
        one token costs nothing extra; the rest reuses the cached prefix as scoring does."""
        import llama_cpp

        self._use_adapter(adapter)
        tokens = self._scoring_tokens(messages)
        if len(tokens) > 1:
            self._eval_reusing_prefix(tokens[:-1])
        else:
            self.llm.n_tokens = 0
        ctx = self.llm._ctx.ctx
        llama_cpp.llama_set_embeddings(ctx, True)
        try:
            self.llm.eval(tokens[-1:])
        finally:
            llama_cpp.llama_set_embeddings(ctx, False)
        hidden = np.ctypeslib.as_array(llama_cpp.llama_get_embeddings_ith(ctx, -1), shape=(self.n_embd,)).copy()
        return self.last_logits(), hidden

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if getattr(self, "_batch_sampler", None) is not None:
                self._batch_sampler.close()
            self.llm.close()


_LOADED: dict[tuple, LlamaModel] = {}


def load_model(spec: str | Path, n_ctx: int = 8192, threads: int | None = None, seed: int = 0,
               busy: Callable[[], object] | None = None) -> LlamaModel:
    """Load once per process: fix, bench and the zero-shot verifier share the weights.

    ``busy``: whether a test run is in flight beside generation (pass
    ``sandbox.runs_in_flight`` when tests run while the model decodes); llama.cpp then
    leaves a core to it, see ``ThreadGovernor``.
    """
    key = (str(resolve_model(str(spec))), n_ctx, threads)
    if key not in _LOADED:
        _LOADED[key] = LlamaModel(spec, n_ctx=n_ctx, threads=threads, seed=seed, busy=busy)
    elif busy is not None:
        _LOADED[key].governor.busy = busy
    return _LOADED[key]
