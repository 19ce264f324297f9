def build_all(*a, **k):
    pass
