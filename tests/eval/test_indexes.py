"""The eval's two indexes and the one embedding cache every checkout shares."""

from pathlib import Path

from assistant.core.settings import Settings
from eval.indexes import DEV, TEST, index_settings, main_checkout, set_index, shared_cache_path


def test_the_embedding_cache_setting_defaults_to_the_index_directory(tmp_path: Path):
    settings = Settings.load(env={}, index_dir=tmp_path / "idx")
    assert settings.embedding_cache_path == tmp_path / "idx" / "embedding_cache.sqlite"
    shared = Settings.load(env={"ASSISTANT_EMBEDDING_CACHE": str(tmp_path / "shared.sqlite")})
    assert shared.embedding_cache_path == tmp_path / "shared.sqlite"


def test_a_worktree_finds_the_main_checkouts_cache(tmp_path: Path):
    main, worktree = tmp_path / "main", tmp_path / "wt" / "eval"
    (main / ".git" / "worktrees" / "eval").mkdir(parents=True)
    worktree.mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {main}/.git/worktrees/eval\n", encoding="utf-8")
    assert main_checkout(worktree) == main
    assert main_checkout(main) == main
    assert shared_cache_path(env={}, root=worktree) == main / ".index" / "embeddings-cache.sqlite"
    assert shared_cache_path(env={"ASSISTANT_EMBEDDING_CACHE": "/x/c.sqlite"}, root=worktree) == Path("/x/c.sqlite")


def test_test_sets_use_the_test_index_and_the_policy_folder_has_no_manifest(tmp_path: Path):
    assert set_index("test_kinds") is TEST and set_index("dev_kinds") is DEV and set_index("dev") is DEV
    assert set(DEV.with_manifest) < set(TEST.with_manifest)
    assert [p.name for p in TEST.without_manifest] == ["policy"]
    assert not (TEST.without_manifest[0] / "manifest.csv").exists()
    settings = index_settings(TEST, Settings.load(env={}), base_dir=tmp_path)
    assert settings.index_dir == tmp_path / "eval-test" and settings.embedding_cache


def test_the_dev_index_holds_policy_files_without_a_manifest_that_no_test_question_is_about():
    import json

    from eval.indexes import DEV_POLICY_FILES, PROJECT_ROOT

    assert DEV.files_without_manifest and all(p.is_file() for p in DEV.files_without_manifest)
    assert {p.name for p in DEV.files_without_manifest} == set(DEV_POLICY_FILES)
    assert all(p.parent == TEST.without_manifest[0] for p in DEV.files_without_manifest)  # the test index has them too
    gold = set()
    for path in (PROJECT_ROOT / "eval" / "sets").glob("test_*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold.update(json.loads(line)["gold_sources"])
    assert gold and not gold & set(DEV_POLICY_FILES)
    dev_gold = set()
    for line in (PROJECT_ROOT / "eval" / "sets" / "dev_own_docs.jsonl").read_text(encoding="utf-8").splitlines():
        dev_gold.update(json.loads(line)["gold_sources"])
    assert dev_gold <= set(DEV_POLICY_FILES)
