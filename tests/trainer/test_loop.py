"""The shared optimisation loop: its progress lines (what a CPU user watches for an hour)."""

import pytest

torch = pytest.importorskip("torch")

from trainer.loop import progress, total_steps, train  # noqa: E402


def test_progress_reports_about_twenty_lines_ending_at_the_last_step():
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    items = [(float(x), 3.0 * x + 1.0) for x in range(-8, 8)]

    def loss_fn(m, batch):
        x = torch.tensor([[b[0]] for b in batch])
        y = torch.tensor([[b[1]] for b in batch])
        return ((m(x) - y) ** 2).mean()

    lines: list[str] = []
    losses = train(model, items, loss_fn, lr=0.05, batch_size=4, grad_accum=1, epochs=25, max_steps=None, seed=0,
                   log=progress(lines.append, "toy"))
    steps = total_steps(len(items), 4, 1, 25, None)
    assert len(losses) == steps == 100
    assert len(lines) == 20
    assert lines[-1].startswith("toy: step 100/100, loss ")
    logged = [float(line.rsplit(" ", 1)[1]) for line in lines]
    # each line is the mean loss since the previous one: here the first five steps'
    assert logged[0] == pytest.approx(sum(losses[:5]) / 5, abs=1e-4)
    assert logged[-1] < logged[0]


def test_no_say_means_no_log():
    assert progress(None, "anything") is None
