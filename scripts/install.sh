#!/usr/bin/env bash
# Installs rehearse for the current user: installs what is missing, builds it (release), puts
# `rehearse` in ~/.local/bin, the decks in the practice home ($XDG_DATA_HOME/rehearse, by default
# ~/.local/share/rehearse; decks already there are kept, so your edits survive), and bash
# completion in ~/.local/share/bash-completion/completions.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
swift build -c release --product rehearse >&2
bin_dir="$HOME/.local/bin"
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
home="$data_dir/rehearse"
mkdir -p "$bin_dir" "$home/Prompts" "$data_dir/bash-completion/completions"
install -m 0755 "$(swift build -c release --show-bin-path)/rehearse" "$bin_dir/rehearse"
for deck in Prompts/*.yaml; do
    [ -e "$home/Prompts/$(basename "$deck")" ] || cp "$deck" "$home/Prompts/"
done
"$bin_dir/rehearse" --generate-completion-script bash >"$data_dir/bash-completion/completions/rehearse"
echo "install.sh: installed $bin_dir/rehearse; your practice lives in $home" >&2
case ":$PATH:" in
*":$bin_dir:"*) ;;
*) echo "install.sh: add $bin_dir to PATH, e.g. in ~/.profile: export PATH=\"\$HOME/.local/bin:\$PATH\"" >&2 ;;
esac
