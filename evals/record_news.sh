#!/bin/bash
# A recorded run of the real-news corpus, one article at a time, pinned to one commit, resumable.
#
#   evals/record_news.sh COMMIT OUTDIR [ARTICLE_ID...]
#
# Checks COMMIT out into a worktree beside the repository (../summarizer-record-COMMIT) and runs
# `summarizer eval --corpus news --case ID --save-outputs OUTDIR` there with this checkout's .venv,
# one process per article, skipping articles OUTDIR already has (ID.json or ID.error): a killed or
# interrupted run resumes where it stopped, even in another session, and every output comes from the
# same code. Between articles it waits while /tmp/pause-news exists (so other work never shares the
# cores with an article being timed) and stops when /tmp/stop-news exists. The engine and other
# settings come from the environment (SUMMARIZER_ENGINE ...). Each article's console report and
# JSON report go to ${TMPDIR:-/tmp}/record_news/ (not into OUTDIR, which holds outputs only);
# OUTDIR/.progress has one line per article (exit status, seconds, time, commit).
# Re-score the whole directory afterwards with `summarizer eval --corpus news --outputs OUTDIR`.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$root" rev-parse --short "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
tree="$root/../summarizer-record-$commit"
logs="${TMPDIR:-/tmp}/record_news"
mkdir -p "$logs"
[ -d "$tree" ] || git -C "$root" worktree add --detach "$tree" "$commit" >/dev/null
cd "$tree"
ids=("$@")
[ ${#ids[@]} -gt 0 ] || ids=($(ls evals/news/gold | sed 's/\.json$//'))
for id in "${ids[@]}"; do
  [ -e "$out/$id.json" ] || [ -e "$out/$id.error" ] && continue
  while [ -e /tmp/pause-news ]; do sleep 5; done
  [ -e /tmp/stop-news ] && { echo "stopped $(date -u +%FT%TZ)" >> "$out/.progress"; exit 0; }
  start=$(date +%s)
  PYTHONPATH="$tree" "$root/.venv/bin/python" -m summarizer eval --corpus news --case "$id" --no-baseline \
    --save-outputs "$out" --report-json "$logs/$id.report.json" > "$logs/$id.log" 2>&1
  echo "$id rc=$? $(( $(date +%s) - start ))s $(date -u +%FT%TZ) $commit" >> "$out/.progress"
done
echo "done $(date -u +%FT%TZ)" >> "$out/.progress"
