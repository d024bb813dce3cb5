#!/usr/bin/env bash
# Starts or stops a private PulseAudio server that gives PortAudio (through ALSA's pulse plugin) a
# virtual microphone and speaker, for machines without a sound card (CI). See shared AUDIO-TESTING.md.
#
#   scripts/virtual-audio.sh start DIR [RATE]   start it; prints the environment clients need
#   scripts/virtual-audio.sh stop DIR           stop it and remove DIR
#   scripts/virtual-audio.sh env DIR            print the environment again
#
# Devices: source "vmic" (the microphone; feed it with `paplay -d vmic_feed FILE`) and sink "vspk"
# (the speaker; capture it with `parecord -d vspk.monitor`). Clients need the printed variables.
set -euo pipefail

usage() { echo "usage: $0 start DIR [RATE] | stop DIR | env DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
rate=${3:-48000}

print_env() {
    echo "export PULSE_SERVER=unix:$dir/native"
    echo "export ALSA_CONFIG_PATH=$dir/asound.conf"
    echo "export PULSE_CLIENTCONFIG=$dir/client.conf"
    echo "export REHEARSE_VIRTUAL_AUDIO=$dir"
}

start() {
    for tool in pulseaudio pactl paplay parecord; do
        command -v "$tool" >/dev/null || { echo "virtual-audio: '$tool' is missing (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)" >&2; exit 1; }
    done
    [ -e /usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ] || ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1 \
        || { echo "virtual-audio: ALSA's pulse plugin is missing (apt-get install libasound2-plugins)" >&2; exit 1; }
    if [ -f "$dir/pulse.pid" ] && kill -0 "$(cat "$dir/pulse.pid")" 2>/dev/null \
        && (eval "$(print_env)"; pactl info >/dev/null 2>&1); then
        print_env
        return
    fi
    mkdir -p "$dir/state"
    cat > "$dir/default.pa" <<PA
load-module module-native-protocol-unix socket=$dir/native auth-anonymous=1
load-module module-null-sink sink_name=vspk rate=$rate channels=1 format=s16le norewinds=1
load-module module-null-sink sink_name=vmic_feed rate=$rate channels=1 format=s16le norewinds=1
load-module module-remap-source master=vmic_feed.monitor source_name=vmic
set-default-sink vspk
set-default-source vmic
PA
    printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$dir/asound.conf"
    echo "autospawn = no" > "$dir/client.conf"
    (
        export HOME=$dir/state XDG_RUNTIME_DIR=$dir PULSE_RUNTIME_PATH=$dir PULSE_STATE_PATH=$dir/state XDG_CONFIG_HOME=$dir/state
        exec pulseaudio --daemonize=no --system=no --use-pid-file=no --exit-idle-time=-1 --disallow-exit \
            --disable-shm=yes --realtime=no --high-priority=no -n -F "$dir/default.pa" \
            --log-target="file:$dir/pulse.log"
    ) </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/pulse.pid"
    eval "$(print_env)"
    for _ in $(seq 1 100); do
        if ! kill -0 "$(cat "$dir/pulse.pid")" 2>/dev/null; then
            echo "virtual-audio: pulseaudio exited at start; its log:" >&2
            cat "$dir/pulse.log" >&2 || true
            exit 1
        fi
        if pactl info >/dev/null 2>&1 && pactl list short sources 2>/dev/null | grep -q vmic; then
            print_env
            return
        fi
        sleep 0.1
    done
    echo "virtual-audio: pulseaudio did not become ready within 10 s; its log:" >&2
    cat "$dir/pulse.log" >&2 || true
    stop
    exit 1
}

stop() {
    [ -f "$dir/pulse.pid" ] || return 0
    pid=$(cat "$dir/pulse.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    # The folder holds only what `start` made there (sockets, state, configuration).
    rm -rf "$dir"
}

case $command in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    *) usage ;;
esac
