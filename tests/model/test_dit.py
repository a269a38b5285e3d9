import torch

from vidloom.model.dit import DiT, DiTConfig, rope_3d


def _inputs(b, t, h, w, c=8):
    return dict(x=torch.randn(b, c, t, h, w), t=torch.rand(b), text=torch.randn(b, 5, 384),
                text_mask=torch.tensor([[True, True, True, False, False]] * b), pooled=torch.randn(b, 384),
                cond=torch.randn(b, c, t, h, w), cond_mask=torch.zeros(b, 1, t, 1, 1))


def test_dit_keeps_the_latent_shape_for_every_aspect():
    dit = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2))
    for h, w in [(8, 14), (8, 8), (14, 8)]:
        inp = _inputs(2, 3, h, w)
        assert dit(**inp).shape == inp["x"].shape


def test_dit_output_starts_at_zero_and_learns_from_text():
    torch.manual_seed(0)
    dit = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2))
    inp = _inputs(2, 2, 4, 4)
    assert dit(**inp).abs().max() == 0  # zero-initialised output layer (DiT)
    opt = torch.optim.Adam(dit.parameters(), 1e-2)
    target = torch.randn_like(inp["x"])
    for _ in range(30):
        loss = (dit(**inp) - target).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.9


def test_padding_tokens_are_ignored():
    dit = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2))
    for p in dit.parameters():
        torch.nn.init.normal_(p, std=0.05)
    inp = _inputs(1, 2, 4, 4)
    out = dit(**inp)
    inp["text"][:, 3:] += 100.0  # masked-out positions
    assert torch.allclose(dit(**inp), out, atol=1e-5)


def test_rope_distinguishes_positions():
    cos, sin = rope_3d(2, 3, 4, 64)
    assert cos.shape == (24, 32)
    assert len({tuple(r.tolist()) for r in cos}) == 24


def test_a_text_only_checkpoint_warm_starts_the_slot_model_exactly():
    torch.manual_seed(0)
    text_only = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2))
    for p in text_only.parameters():
        torch.nn.init.normal_(p, std=0.05)
    slotted = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2, slot_vocab=(5, 3)))
    missing = slotted.load_state_dict(text_only.state_dict(), strict=False).missing_keys
    assert missing and all(k.startswith("slot_") for k in missing)
    inp = _inputs(2, 2, 4, 4)
    slots = torch.tensor([[1, 2], [4, 0]])
    assert torch.equal(slotted(**inp, slots=slots), text_only(**inp))  # zero-initialised slot layer


def test_slots_steer_the_output_once_trained():
    torch.manual_seed(0)
    dit = DiT(DiTConfig(latent_channels=8, width=64, depth=2, heads=2, slot_vocab=(3,)))
    inp = _inputs(2, 2, 4, 4)
    inp["text"], inp["pooled"] = inp["text"][:1].expand(2, -1, -1), inp["pooled"][:1].expand(2, -1)
    slots = torch.tensor([[1], [2]])  # the same prompt, two different slot values
    target = torch.stack([torch.ones_like(inp["x"][0]), -torch.ones_like(inp["x"][0])])
    opt = torch.optim.Adam(dit.parameters(), 1e-2)
    for _ in range(60):
        loss = (dit(**inp, slots=slots) - target).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    out = dit(**inp, slots=slots)
    assert out[0].mean() > 0.5 and out[1].mean() < -0.5
