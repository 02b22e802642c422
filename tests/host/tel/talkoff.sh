#!/usr/bin/env bash
# DTMF talk-off: several minutes of synthetic speech (espeak-ng: varied
# texts, languages, voices, speeds and pitches, resampled by sox to 8 kHz
# 16-bit linear, some of it at a hot level, some with dial tone under it)
# fed to the detector; the verdict is PASS only with zero digits.
# Usage: [TEL_FULL=1] talkoff.sh TEST_TEL LOG [MIN_SECONDS]
set -uo pipefail
bin=$1 log=$2 min_seconds=${3:-180}
name=tel/dtmf/talkoff_speech

fail() {
  echo "FAIL $name: $*" | tee -a "$log"
  exit 0
}
command -v espeak-ng >/dev/null || fail "espeak-ng not installed (scripts/deps.sh)"
command -v sox >/dev/null || fail "sox not installed (scripts/deps.sh)"

tmp=$(mktemp -d /tmp/teltalk.XXXX) || fail "mktemp"
[[ -n ${TALKOFF_KEEP:-} ]] || trap 'rm -rf "$tmp"' EXIT

texts=(
  "The quick brown fox jumps over the lazy dog while the five boxing wizards jump quickly."
  "Please hold the line, your call is important to us. All of our operators are busy at the moment, and the next available agent will answer your call."
  "Seven hundred and seventy seven, one thousand two hundred and nine, nine hundred and forty one, zero, star, pound, hash, one two three four five six seven eight nine."
  "She sells sea shells by the sea shore; the shells she sells are surely sea shells. Peter Piper picked a peck of pickled peppers."
  "Ooooh, aaaah, eeeee, iiiii, uuuuu. Mmmmm. Hmmmm. Weeeee. Nooooo. Yeeees. Heeello. Aaaalright."
  "In the beginning the telephone network carried analog voice over copper pairs, and signalling used loop disconnect pulses before tones replaced them."
  "Good morning! How are you today? I am calling about the invoice you sent last week; the amount seems to be wrong by about three hundred dollars."
  "Singing: la la la laaa, do re mi fa sol la ti do, do ti la sol fa mi re do. Hmm hmm hmm, la la la."
  "Warning. Warning. The system will reboot in ten seconds. Please save your work. Nine. Eight. Seven. Six. Five. Four. Three. Two. One."
  "Whistle while you work, whee whee whee, the kettle is whistling in the kitchen, eeeeeeeee."
)
# language voice +variant : speed : pitch : text language
voices=(
  "en-us:140:50" "en-us+f3:180:70" "en+m3:120:30" "en-gb-x-rp+f4:200:85"
  "en-us+m7:160:20" "en+croak:150:45" "en-us+klatt2:170:60" "en+f2:130:95"
  "de+m2:150:40" "fr+f1:170:75" "es+m4:190:50" "it+f5:150:90"
  "nl:160:55" "pt+m1:140:35" "sv+f3:170:80" "en-us+whisper:150:50"
)
i=0
for v in "${voices[@]}"; do
  IFS=: read -r voice speed pitch <<<"$v"
  for t in 0 3 6; do
    txt=${texts[$(( (i + t) % ${#texts[@]} ))]}
    espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$tmp/s$i-$t.wav" "$txt" 2>>"$tmp/err" ||
      fail "espeak-ng -v $voice failed: $(tail -n1 "$tmp/err")"
  done
  i=$((i + 1))
done
# TEL_FULL=1: also the GPL-3 text (Debian's base-files) read by 8 more
# voice settings, about 17 minutes more, text the detector was not tuned on.
if [[ -n ${TEL_FULL:-} && -r /usr/share/common-licenses/GPL-3 ]]; then
  i=0
  for v in en-us+f5:160:90 en+m6:200:25 en-us+f1:145:99 en-gb-scotland+m2:170:60 \
           it+m3:180:45 pt+f4:150:88 en-us+klatt3:165:70 pl+f2:155:80; do
    IFS=: read -r voice speed pitch <<<"$v"
    sed -n "$((1 + i * 40)),$((40 + i * 40))p" /usr/share/common-licenses/GPL-3 >"$tmp/g$i.txt"
    espeak-ng -v "$voice" -s "$speed" -p "$pitch" -f "$tmp/g$i.txt" -w "$tmp/sg$i.wav" 2>>"$tmp/err" ||
      fail "espeak-ng -v $voice failed: $(tail -n1 "$tmp/err")"
    i=$((i + 1))
  done
fi
# 8 kHz 16-bit mono as a G.711 channel delivers it; a second pass 10 dB
# hotter (peaks clipped as on a real line), a third with dial tone under
# the speech (the user talking over it).
sox $(ls "$tmp"/s*.wav | sort) -r 8000 -b 16 -e signed-integer -c 1 "$tmp/speech.wav" 2>>"$tmp/err" ||
  fail "sox: $(tail -n1 "$tmp/err")"
sox "$tmp/speech.wav" -t raw "$tmp/a.raw" 2>>"$tmp/err" || fail "sox raw"
sox "$tmp/speech.wav" -t raw "$tmp/b.raw" gain -n -1 gain 10 2>>"$tmp/err" || fail "sox gain"
len=$(soxi -D "$tmp/speech.wav")
sox -n -r 8000 -b 16 -e signed-integer -c 1 "$tmp/dial.wav" synth "$len" sine 350 sine 440 channels 1 \
  gain -n -16 2>>"$tmp/err" || fail "sox synth"
sox -m "$tmp/speech.wav" "$tmp/dial.wav" -t raw "$tmp/c.raw" 2>>"$tmp/err" || fail "sox mix"
cat "$tmp/a.raw" "$tmp/b.raw" "$tmp/c.raw" >"$tmp/all.raw"

read -r secs digits found < <("$bin" --count "$tmp/all.raw") || fail "$bin --count failed"
if [[ ${secs%.*} -lt $min_seconds ]]; then
  fail "only ${secs} s of speech (want >= $min_seconds)"
elif [[ $digits -ne 0 ]]; then
  fail "$digits digits ($found) in $secs s of speech"
else
  echo "PASS $name ($secs s of speech, 0 digits)" | tee -a "$log"
fi
