from vidloom.train.schedule import TimeBudget, lr_factor


def test_warm_up_then_full_rate_without_anneal():
    assert lr_factor(0, 200, None) == 1 / 200
    assert lr_factor(199, 200, None) == 1.0
    assert lr_factor(10_000, 200, None) == 1.0


def test_anneal_holds_then_decays_to_five_percent():
    assert lr_factor(1000, 200, 0.5) == 1.0
    mid = lr_factor(1000, 200, 0.8)
    assert 0.5 < mid < 0.55  # halfway through the decay: 0.05 + 0.95 / 2
    assert abs(lr_factor(1000, 200, 1.0) - 0.05) < 1e-12
    assert abs(lr_factor(1000, 200, 1.5) - 0.05) < 1e-12  # past the deadline, no negative rates


def test_a_time_budget_says_what_share_is_spent():
    budget = TimeBudget(minutes=10)
    assert 0 <= budget.progress() < 0.01 and not budget.over()
    budget.end -= 600  # as if ten minutes had passed
    assert budget.progress() >= 1 and budget.over()
