<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AlertSettings</name>
    <message>
        <source>&apos;%1&apos; has more than a target and a rule; a rule for one target is written as &apos;example.com loss&gt;10%/5&apos;</source>
        <translation>&apos;%1&apos; enthält mehr als ein Ziel und eine Regel; eine Regel für ein Ziel wird als &apos;example.com loss&gt;10%/5&apos; geschrieben</translation>
    </message>
</context>
<context>
    <name>LatencyBand</name>
    <message>
        <source>&lt; 10 ms</source>
        <translation>&lt; 10 ms</translation>
    </message>
    <message>
        <source>&lt; 50 ms</source>
        <translation>&lt; 50 ms</translation>
    </message>
    <message>
        <source>&lt; 100 ms</source>
        <translation>&lt; 100 ms</translation>
    </message>
    <message>
        <source>&lt; 250 ms</source>
        <translation>&lt; 250 ms</translation>
    </message>
    <message>
        <source>≥ 250 ms</source>
        <translation>≥ 250 ms</translation>
    </message>
</context>
<context>
    <name>LegacyMigration</name>
    <message>
        <source>Could not move the settings %1 to %2.</source>
        <translation>Die Einstellungen %1 konnten nicht nach %2 verschoben werden.</translation>
    </message>
    <message>
        <source>Could not move the history %1 to %2.</source>
        <translation>Der Verlauf %1 konnte nicht nach %2 verschoben werden.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>TTL %1: %2</source>
        <translation>TTL %1: %2</translation>
    </message>
    <message>
        <source>; %1 by %2 ms (%3)</source>
        <translation>; %1 um %2 ms (%3)</translation>
    </message>
    <message>
        <source>slower</source>
        <translation>langsamer</translation>
    </message>
    <message>
        <source>faster</source>
        <translation>schneller</translation>
    </message>
    <message>
        <source>Owner Databases</source>
        <translation>Inhaber-Datenbanken</translation>
    </message>
    <message>
        <source>MaxMind databases (*.mmdb);;All files (*)</source>
        <translation>MaxMind-Datenbanken (*.mmdb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>These files cannot be used:

%1</source>
        <translation>Diese Dateien können nicht verwendet werden:

%1</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Report (*.%1)</source>
        <translation>Bericht (*.%1)</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>TTL %1 %2</source>
        <translation>TTL %1 %2</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>ohne Datum</translation>
    </message>
    <message>
        <source>destination not reached</source>
        <translation>Ziel nicht erreicht</translation>
    </message>
</context>
<context>
    <name>TraceTab</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>hopscope::AlertNotifier</name>
    <message>
        <source>Alert: %1</source>
        <translation>Alarm: %1</translation>
    </message>
    <message>
        <source>Alert cleared: %1</source>
        <translation>Alarm beendet: %1</translation>
    </message>
    <message>
        <source>The alert command could not be run: %1</source>
        <translation>Der Alarmbefehl konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>Desktop notifications are not available: %1</source>
        <translation>Desktop-Benachrichtigungen sind nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>there is no session bus</source>
        <translation>es gibt keinen Sitzungsbus</translation>
    </message>
</context>
<context>
    <name>hopscope::AlertSettingsDialog</name>
    <message>
        <source>Show a desktop &amp;notification</source>
        <translation>Desktop-&amp;Benachrichtigung zeigen</translation>
    </message>
    <message>
        <source>&amp;Beep</source>
        <translation>&amp;Piepton</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>a shell command, run with HOPSCOPE_ALERT_* set</source>
        <translation>ein Shell-Befehl, ausgeführt mit gesetzten HOPSCOPE_ALERT_*</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Every monitoring session is watched for these rules, one a line; each says when its condition begins and ends. A target before a rule keeps it to the sessions to that target (example.com loss&gt;10%/5).
loss&gt;PERCENT%/ROUNDS, latency&gt;MSms/ROUNDS, jitter&gt;MSms/ROUNDS (over the last ROUNDS rounds, 5 when left out), lost/ROUNDS (no answer in that many rounds in a row, 3 when left out), route (a route change).</source>
        <translation>Jede Überwachung wird auf diese Regeln geprüft, eine je Zeile; jede meldet, wann ihre Bedingung beginnt und endet. Ein Ziel vor einer Regel beschränkt sie auf die Überwachungen dieses Ziels (example.com loss&gt;10%/5).
loss&gt;PROZENT%/RUNDEN, latency&gt;MSms/RUNDEN, jitter&gt;MSms/RUNDEN (über die letzten RUNDEN Runden, 5 wenn weggelassen), lost/RUNDEN (keine Antwort in so vielen Runden nacheinander, 3 wenn weggelassen), route (eine Routenänderung).</translation>
    </message>
</context>
<context>
    <name>hopscope::CompareTab</name>
    <message>
        <source>%1 ↔ %2</source>
        <translation>%1 ↔ %2</translation>
    </message>
    <message>
        <source>First: %1</source>
        <translation>Erster: %1</translation>
    </message>
    <message>
        <source>Second: %1</source>
        <translation>Zweiter: %1</translation>
    </message>
    <message>
        <source>Median RTT per TTL</source>
        <translation>Median-RTT je TTL</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
<context>
    <name>hopscope::ComparisonModel</name>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Erster</translation>
    </message>
    <message>
        <source>Second</source>
        <translation>Zweiter</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Median 1</source>
        <translation>Median 1</translation>
    </message>
    <message>
        <source>Median 2</source>
        <translation>Median 2</translation>
    </message>
    <message>
        <source>Δ ms</source>
        <translation>Δ ms</translation>
    </message>
    <message>
        <source>RTT test</source>
        <translation>RTT-Test</translation>
    </message>
    <message>
        <source>Loss 1</source>
        <translation>Verlust 1</translation>
    </message>
    <message>
        <source>Loss 2</source>
        <translation>Verlust 2</translation>
    </message>
</context>
<context>
    <name>hopscope::DegradedBanner</name>
    <message>
        <source>Grant Permission…</source>
        <translation>Berechtigung erteilen…</translation>
    </message>
    <message>
        <source>Asks for an administrator&apos;s password, then lets the probe helper send raw packets</source>
        <translation>Fragt nach dem Passwort eines Administrators und lässt dann den Sondenhelfer Raw-Pakete senden</translation>
    </message>
    <message>
        <source>Probing is degraded: %1</source>
        <translation>Eingeschränkte Messung: %1</translation>
    </message>
    <message>
        <source>Waiting for Permission…</source>
        <translation>Warte auf Berechtigung…</translation>
    </message>
</context>
<context>
    <name>hopscope::HelperPermission</name>
    <message>
        <source>This Hopscope runs from a build tree, not from where it is installed, so it cannot grant its helper %1 the permission itself: an administrator can, with the setcap command above.</source>
        <translation>Dieses Hopscope läuft aus einem Build-Verzeichnis, nicht von seinem Installationsort, und kann seinem Helfer %1 die Berechtigung daher nicht selbst erteilen: Ein Administrator kann es mit dem setcap-Befehl oben.</translation>
    </message>
    <message>
        <source>Hopscope cannot ask for the permission itself because polkit&apos;s pkexec is not installed. As an administrator, run: sudo %1</source>
        <translation>Hopscope kann die Berechtigung nicht selbst anfordern, weil pkexec von polkit nicht installiert ist. Als Administrator ausführen: sudo %1</translation>
    </message>
    <message>
        <source>%1 could not be started (%2)</source>
        <translation>%1 konnte nicht gestartet werden (%2)</translation>
    </message>
    <message>
        <source>The probe helper may now send raw packets; the next trace goes through it.</source>
        <translation>Der Sondenhelfer darf jetzt Raw-Pakete senden; die nächste Messung läuft über ihn.</translation>
    </message>
    <message>
        <source>Permission was not granted: the password request was dismissed or refused.</source>
        <translation>Die Berechtigung wurde nicht erteilt: Die Passwortabfrage wurde abgebrochen oder abgelehnt.</translation>
    </message>
    <message>
        <source>polkit could not ask for a password (is an authentication agent running?)%1</source>
        <translation>polkit konnte nicht nach einem Passwort fragen (läuft ein Authentifizierungsagent?)%1</translation>
    </message>
    <message>
        <source>Granting the permission failed: %1 stopped unexpectedly.</source>
        <translation>Das Erteilen der Berechtigung ist fehlgeschlagen: %1 wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>Granting the permission failed (exit status %1).</source>
        <translation>Das Erteilen der Berechtigung ist fehlgeschlagen (Exit-Status %1).</translation>
    </message>
    <message>
        <source>Granting the permission failed: %1</source>
        <translation>Das Erteilen der Berechtigung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>hopscope::HistoryModel</name>
    <message>
        <source>reached at TTL %1</source>
        <translation>erreicht bei TTL %1</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>%1, 1 round</source>
        <translation>%1, 1 Runde</translation>
    </message>
    <message>
        <source>%1, %2 rounds</source>
        <translation>%1, %2 Runden</translation>
    </message>
    <message>
        <source>Traced</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>%1, recording</source>
        <translation>%1, wird aufgezeichnet</translation>
    </message>
    <message>
        <source>%1, interrupted</source>
        <translation>%1, unterbrochen</translation>
    </message>
</context>
<context>
    <name>hopscope::HistoryPanel</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>&amp;Undo Delete</source>
        <translation>Löschen &amp;rückgängig</translation>
    </message>
    <message>
        <source>Search target, address, name or tag</source>
        <translation>Ziel, Adresse, Name oder Schlagwort suchen</translation>
    </message>
    <message>
        <source>Any protocol</source>
        <translation>Jedes Protokoll</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Compare Selected (More than Two: a Timeline)</source>
        <translation>Auswahl vergleichen (mehr als zwei: eine Zeitleiste)</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>Schlagwörter…</translation>
    </message>
    <message>
        <source>Export Report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>Select two entries to compare, or more for a timeline.</source>
        <translation>Wählen Sie zwei Einträge zum Vergleichen oder mehr für eine Zeitleiste.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>Schlagwörter, durch Kommas getrennt:</translation>
    </message>
    <message>
        <source>Select one entry to delete.</source>
        <translation>Wählen Sie einen Eintrag zum Löschen.</translation>
    </message>
    <message>
        <source>Deleted from the history. Undo Delete puts it back.</source>
        <translation>Aus dem Verlauf gelöscht. „Löschen rückgängig“ stellt ihn wieder her.</translation>
    </message>
    <message>
        <source>Resume Monitoring</source>
        <translation>Überwachung fortsetzen</translation>
    </message>
    <message>
        <source>Select a monitoring session that was interrupted to resume it.</source>
        <translation>Wählen Sie eine unterbrochene Überwachung, um sie fortzusetzen.</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation>Für immer behalten</translation>
    </message>
    <message numerus="yes">
        <source>Keep %n days</source>
        <translation>
            <numerusform>%n Tag behalten</numerusform>
            <numerusform>%n Tage behalten</numerusform>
        </translation>
    </message>
    <message>
        <source>How long the history keeps what was saved; a session still being kept as it runs, or interrupted, stays until it is saved whole.</source>
        <translation>Wie lange der Verlauf Gespeichertes behält; eine Sitzung, die noch während des Laufs aufgezeichnet wird oder unterbrochen wurde, bleibt, bis sie ganz gespeichert ist.</translation>
    </message>
    <message>
        <source>History: 1 entry saved more than %1 days ago removed.</source>
        <translation>Verlauf: 1 Eintrag entfernt, der vor mehr als %1 Tagen gespeichert wurde.</translation>
    </message>
    <message>
        <source>History: %1 entries saved more than %2 days ago removed.</source>
        <translation>Verlauf: %1 Einträge entfernt, die vor mehr als %2 Tagen gespeichert wurden.</translation>
    </message>
</context>
<context>
    <name>hopscope::HistoryService</name>
    <message>
        <source>History is off: %1</source>
        <translation>Verlauf ist aus: %1</translation>
    </message>
    <message>
        <source>History is off: %1 could not be opened</source>
        <translation>Verlauf ist aus: %1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>saved to the history</source>
        <translation>im Verlauf gespeichert</translation>
    </message>
    <message>
        <source>renamed</source>
        <translation>umbenannt</translation>
    </message>
    <message>
        <source>tagged</source>
        <translation>verschlagwortet</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>put back</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>The session is no longer kept in the history as it runs: %1</source>
        <translation>Die Sitzung wird nicht mehr laufend im Verlauf gespeichert: %1</translation>
    </message>
    <message>
        <source>kept in the history as it runs</source>
        <translation>laufend im Verlauf gespeichert</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
</context>
<context>
    <name>hopscope::HopGraphView</name>
    <message>
        <source>red edge: loss</source>
        <translation>rote Kante: Verlust</translation>
    </message>
    <message>
        <source>dashed: no reply</source>
        <translation>gestrichelt: keine Antwort</translation>
    </message>
    <message>
        <source>Hopscope path</source>
        <translation>Hopscope-Pfad</translation>
    </message>
    <message>
        <source>1 probe went this way</source>
        <translation>1 Sonde nahm diesen Weg</translation>
    </message>
    <message>
        <source>%1 probes went this way</source>
        <translation>%1 Sonden nahmen diesen Weg</translation>
    </message>
</context>
<context>
    <name>hopscope::HopNodeItem</name>
    <message>
        <source>This computer: where the probes leave from</source>
        <translation>Dieser Computer: Hier starten die Sonden</translation>
    </message>
    <message>
        <source>&lt;b&gt;TTL %1&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;TTL %1&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>no reply</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>&lt;br&gt;Loss %1% (%2 of %3 lost)</source>
        <translation>&lt;br&gt;Verlust %1 % (%2 von %3 verloren)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Last %1 · Avg %2 · Best %3 · Worst %4 ms&lt;br&gt;StDev %5 · Jitter %6 · p95 %7 ms</source>
        <translation>&lt;br&gt;Letzte %1 · Mittel %2 · Beste %3 · Schlechteste %4 ms&lt;br&gt;StAbw %5 · Jitter %6 · p95 %7 ms</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Loss here does not continue to later hops: likely ICMP rate limiting.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Der Verlust hier setzt sich zu späteren Hops nicht fort: wahrscheinlich ICMP-Ratenbegrenzung.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;The path MTU drops to %1 bytes after this hop</source>
        <translation>&lt;br&gt;Die Pfad-MTU sinkt nach diesem Hop auf %1 Byte</translation>
    </message>
    <message>
        <source>&lt;br&gt;The destination</source>
        <translation>&lt;br&gt;Das Ziel</translation>
    </message>
    <message>
        <source>&lt;br&gt;Not on the path since round %1</source>
        <translation>&lt;br&gt;Seit Runde %1 nicht mehr auf dem Pfad</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>TTL %1 · no reply</source>
        <translation>TTL %1 · keine Antwort</translation>
    </message>
    <message>
        <source>%1 probes unanswered</source>
        <translation>%1 Sonden unbeantwortet</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>TTL %1</source>
        <translation>TTL %1</translation>
    </message>
    <message>
        <source>%1 ms · avg %2</source>
        <translation>%1 ms · Mittel %2</translation>
    </message>
    <message>
        <source> · %1% loss</source>
        <translation> · %1 % Verlust</translation>
    </message>
    <message>
        <source>MPLS</source>
        <translation>MPLS</translation>
    </message>
    <message>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <source>DSCP</source>
        <translation>DSCP</translation>
    </message>
    <message>
        <source>MTU %1</source>
        <translation>MTU %1</translation>
    </message>
    <message>
        <source>1 probe unanswered</source>
        <translation>1 Sonde unbeantwortet</translation>
    </message>
</context>
<context>
    <name>hopscope::HopTableModel</name>
    <message>
        <source>no reply</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>prefix %1</source>
        <translation>Präfix %1</translation>
    </message>
    <message>
        <source>country %1</source>
        <translation>Land %1</translation>
    </message>
    <message>
        <source>Team Cymru&apos;s DNS service</source>
        <translation>DNS-Dienst von Team Cymru</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>die Datei</translation>
    </message>
    <message>
        <source>the database %1</source>
        <translation>die Datenbank %1</translation>
    </message>
    <message>
        <source>; from %1</source>
        <translation>; aus %1</translation>
    </message>
    <message>
        <source>No replies here, but later hops answer: this router filters or rate-limits its ICMP answers. It is not losing your traffic.</source>
        <translation>Hier keine Antworten, aber spätere Hops antworten: Dieser Router filtert oder begrenzt seine ICMP-Antworten. Er verliert nicht Ihren Datenverkehr.</translation>
    </message>
    <message>
        <source>Loss here does not continue to later hops: likely ICMP rate limiting, not loss on the path.</source>
        <translation>Der Verlust hier setzt sich zu späteren Hops nicht fort: wahrscheinlich ICMP-Ratenbegrenzung, kein Verlust auf dem Pfad.</translation>
    </message>
    <message>
        <source>Answered %1 (%2)</source>
        <translation>Geantwortet hat %1 (%2)</translation>
    </message>
    <message>
        <source>Not on the path since round %1.</source>
        <translation>Seit Runde %1 nicht mehr auf dem Pfad.</translation>
    </message>
    <message>
        <source>Share of probes without a reply; amber and italic when later hops do not share it</source>
        <translation>Anteil der Sonden ohne Antwort; gelb und kursiv, wenn spätere Hops ihn nicht teilen</translation>
    </message>
    <message>
        <source>Probes sent</source>
        <translation>Gesendete Sonden</translation>
    </message>
    <message>
        <source>Standard deviation of the round-trip times (ms)</source>
        <translation>Standardabweichung der Umlaufzeiten (ms)</translation>
    </message>
    <message>
        <source>Mean difference between consecutive round-trip times (ms)</source>
        <translation>Mittlerer Unterschied aufeinanderfolgender Umlaufzeiten (ms)</translation>
    </message>
    <message>
        <source>95th percentile of the round-trip times (ms)</source>
        <translation>95. Perzentil der Umlaufzeiten (ms)</translation>
    </message>
    <message>
        <source>The latest %1 probes; a red mark is a lost one</source>
        <translation>Die letzten %1 Sonden; eine rote Marke ist eine verlorene</translation>
    </message>
    <message>
        <source>The MPLS labels the router quoted (RFC 4950), outermost first</source>
        <translation>Die MPLS-Labels, die der Router zitiert hat (RFC 4950), das äußerste zuerst</translation>
    </message>
    <message>
        <source>DSCP / ECN as the router saw the probe, when not as it was sent: a rewrite before this hop</source>
        <translation>DSCP / ECN, wie der Router die Sonde sah, wenn anders als gesendet: eine Umschreibung vor diesem Hop</translation>
    </message>
    <message>
        <source>The source address the router saw, when a NAT before it rewrote yours</source>
        <translation>Die Quelladresse, die der Router sah, wenn ein NAT davor Ihre umgeschrieben hat</translation>
    </message>
    <message>
        <source>The MTU the router told (next-hop MTU, or its interface&apos;s, RFC 5837), or the largest probe that reached the hop when the path MTU was searched</source>
        <translation>Die MTU, die der Router nannte (Next-Hop-MTU oder die seiner Schnittstelle, RFC 5837), oder die größte Sonde, die den Hop erreichte, als die Pfad-MTU gesucht wurde</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>AS</source>
        <translation>AS</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>MPLS</source>
        <translation>MPLS</translation>
    </message>
    <message>
        <source>DSCP/ECN</source>
        <translation>DSCP/ECN</translation>
    </message>
    <message>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>Loss%</source>
        <translation>Verl.%</translation>
    </message>
    <message>
        <source>Snt</source>
        <translation>Ges.</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Beste</translation>
    </message>
    <message>
        <source>Wrst</source>
        <translation>Schl.</translation>
    </message>
    <message>
        <source>StDev</source>
        <translation>StAbw</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt</translation>
    </message>
</context>
<context>
    <name>hopscope::MainWindow</name>
    <message>
        <source>undated</source>
        <translation>ohne Datum</translation>
    </message>
    <message>
        <source>Hopscope</source>
        <translation>Hopscope</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Enter a host above and press Enter to trace the path to it,
or open a saved NetworkPath JSON file with File → Open (%1).</source>
        <translation>Geben Sie oben einen Host ein und drücken Sie Enter, um den Pfad dorthin zu messen,
oder öffnen Sie eine gespeicherte NetworkPath-JSON-Datei mit Datei → Öffnen (%1).</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>%1, trace %2</source>
        <translation>%1, Messung %2</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n traces</source>
        <translation>
            <numerusform>%1 geöffnet: %n Messung</numerusform>
            <numerusform>%1 geöffnet: %n Messungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>History entry %1</source>
        <translation>Verlaufseintrag %1</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Trace Tab</source>
        <translation>&amp;Neuer Mess-Tab</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Speichern unter…</translation>
    </message>
    <message>
        <source>Co&amp;mpare Files…</source>
        <translation>Dateien &amp;vergleichen…</translation>
    </message>
    <message>
        <source>&amp;Export Graph…</source>
        <translation>Graph e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>&amp;Bericht exportieren…</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <source>&amp;Trace</source>
        <translation>&amp;Messung</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Copy Table as Text</source>
        <translation>Tabelle als Text &amp;kopieren</translation>
    </message>
    <message>
        <source>Look Up Hop &amp;Owners Online</source>
        <translation>Hop-&amp;Inhaber online nachschlagen</translation>
    </message>
    <message>
        <source>Ask Team Cymru&apos;s DNS service whose network each hop is in. Off, nothing about the path leaves this computer for it.</source>
        <translation>Den DNS-Dienst von Team Cymru fragen, in wessen Netz jeder Hop liegt. Ausgeschaltet verlässt dafür nichts über den Pfad diesen Computer.</translation>
    </message>
    <message>
        <source>Owner databases: %1</source>
        <translation>Inhaber-Datenbanken: %1</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit Graph</source>
        <translation>Graph &amp;einpassen</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Cannot trace: %1</source>
        <translation>Messung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Nothing to save yet: trace first.</source>
        <translation>Noch nichts zu speichern: zuerst messen.</translation>
    </message>
    <message>
        <source>Save NetworkPath</source>
        <translation>NetworkPath speichern</translation>
    </message>
    <message>
        <source>NetworkPath JSON (*.json)</source>
        <translation>NetworkPath-JSON (*.json)</translation>
    </message>
    <message>
        <source>This tab has nothing to save yet.</source>
        <translation>Dieser Tab hat noch nichts zu speichern.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Only a trace tab has a graph to export.</source>
        <translation>Nur ein Mess-Tab hat einen Graphen zum Exportieren.</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>Graph exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Could not export the graph: %1</source>
        <translation>Der Graph konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Could not compare: %1</source>
        <translation>Vergleich nicht möglich: %1</translation>
    </message>
    <message>
        <source>Choose two paths to compare, or more for a timeline.</source>
        <translation>Wählen Sie zwei Pfade zum Vergleichen oder mehr für eine Zeitleiste.</translation>
    </message>
    <message>
        <source>Choose NetworkPaths to Compare (Two, or More for a Timeline)</source>
        <translation>NetworkPaths zum Vergleichen wählen (zwei oder mehr für eine Zeitleiste)</translation>
    </message>
    <message>
        <source>NetworkPath JSON (*.json);;All files (*)</source>
        <translation>NetworkPath-JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Nothing to report yet: trace or open a path first.</source>
        <translation>Noch nichts für einen Bericht: zuerst einen Pfad messen oder öffnen.</translation>
    </message>
    <message>
        <source>Open NetworkPath</source>
        <translation>NetworkPath öffnen</translation>
    </message>
    <message>
        <source>Owner &amp;Databases…</source>
        <translation>Inhaber-&amp;Datenbanken…</translation>
    </message>
    <message>
        <source>%1 (rounds kept: %2)</source>
        <translation>%1 (gespeicherte Runden: %2)</translation>
    </message>
    <message>
        <source>Interrupted Sessions</source>
        <translation>Unterbrochene Sitzungen</translation>
    </message>
    <message>
        <source>Monitoring stopped without being ended here, by a crash, a power cut or the window closing as it ran. Every round that settled is in the history; Resume goes on with each in a tab.</source>
        <translation>Eine Überwachung endete hier, ohne beendet worden zu sein: durch einen Absturz, einen Stromausfall oder weil das Fenster während der Überwachung geschlossen wurde. Jede abgeschlossene Runde ist im Verlauf; „Fortsetzen“ setzt jede in einem eigenen Tab fort.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Not Now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Monitor Target &amp;List…</source>
        <translation>Zie&amp;lliste überwachen…</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sitzungen</translation>
    </message>
    <message>
        <source>&amp;Alerts…</source>
        <translation>&amp;Alarme…</translation>
    </message>
    <message>
        <source>A period of a monitoring session</source>
        <translation>Ein Zeitraum einer Überwachungssitzung</translation>
    </message>
    <message>
        <source>&amp;Keep Monitoring When Closed</source>
        <translation>Überwachung nach dem Schließen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Closing the window while sessions monitor hides it to the tray, and the sessions go on until Quit.</source>
        <translation>Wird das Fenster geschlossen, während Sitzungen überwachen, verschwindet es in den Infobereich, und die Sitzungen laufen bis zum Beenden weiter.</translation>
    </message>
</context>
<context>
    <name>hopscope::MonitoringTray</name>
    <message>
        <source>&amp;Show Hopscope</source>
        <translation>Hopscope &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit Hopscope</source>
        <translation>Hopscope &amp;beenden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Hopscope: monitoring 1 target</source>
        <translation>Hopscope: überwacht 1 Ziel</translation>
    </message>
    <message>
        <source>Hopscope: monitoring %1 targets</source>
        <translation>Hopscope: überwacht %1 Ziele</translation>
    </message>
    <message>
        <source>Alerts: %1</source>
        <translation>Alarme: %1</translation>
    </message>
    <message>
        <source>Hopscope goes on monitoring</source>
        <translation>Hopscope überwacht weiter</translation>
    </message>
    <message>
        <source>The window is closed, the sessions go on. Choose Quit Hopscope from this icon&apos;s menu to stop them.</source>
        <translation>Das Fenster ist geschlossen, die Sitzungen laufen weiter. Wählen Sie „Hopscope beenden“ im Menü dieses Symbols, um sie zu beenden.</translation>
    </message>
</context>
<context>
    <name>hopscope::ReportExportDialog</name>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML (graph, chart and table in one file)</source>
        <translation>HTML (Graph, Diagramm und Tabelle in einer Datei)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>CSV (one row per hop)</source>
        <translation>CSV (eine Zeile je Hop)</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Hide the source and private-range hops</source>
        <translation>Quelle und Hops in privaten Bereichen verbergen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source> hops</source>
        <translation> Hops</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Also hide the first:</source>
        <translation>Außerdem die ersten verbergen:</translation>
    </message>
</context>
<context>
    <name>hopscope::RttChartView</name>
    <message>
        <source>Round-trip time per TTL</source>
        <translation>Umlaufzeit je TTL</translation>
    </message>
    <message>
        <source>best – worst</source>
        <translation>beste – schlechteste</translation>
    </message>
    <message>
        <source>average</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>replies</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>loss %</source>
        <translation>Verlust %</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Round-trip time over time</source>
        <translation>Umlaufzeit im Zeitverlauf</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>route change</source>
        <translation>Routenänderung</translation>
    </message>
    <message>
        <source>alert raised</source>
        <translation>Alarm ausgelöst</translation>
    </message>
    <message>
        <source>alert cleared</source>
        <translation>Alarm beendet</translation>
    </message>
    <message>
        <source>Red dots: loss at the first line&apos;s hop, on the right axis. Triangles at the top: alerts raised (red) and cleared (green). Drag across the chart to focus on a period; right-click to see the whole session again.</source>
        <translation>Rote Punkte: Verlust am Hop der ersten Linie, auf der rechten Achse. Dreiecke oben: ausgelöste (rot) und beendete (grün) Alarme. Über das Diagramm ziehen, um einen Zeitraum zu fokussieren; Rechtsklick zeigt wieder die ganze Sitzung.</translation>
    </message>
</context>
<context>
    <name>hopscope::SavedPathOwners</name>
    <message>
        <source>Owner database left out: %1</source>
        <translation>Inhaber-Datenbank ausgelassen: %1</translation>
    </message>
</context>
<context>
    <name>hopscope::SessionSummaryModel</name>
    <message>
        <source>resolving</source>
        <translation>löse auf</translation>
    </message>
    <message>
        <source>monitoring, destination silent</source>
        <translation>überwacht, Ziel schweigt</translation>
    </message>
    <message>
        <source>monitoring</source>
        <translation>überwacht</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1, round %2: %3</source>
        <translation>%1, Runde %2: %3</translation>
    </message>
    <message>
        <source>1 route change in this session</source>
        <translation>1 Routenänderung in dieser Sitzung</translation>
    </message>
    <message>
        <source>%1 route changes in this session</source>
        <translation>%1 Routenänderungen in dieser Sitzung</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Avg ms</source>
        <translation>Mittel ms</translation>
    </message>
    <message>
        <source>Last ms</source>
        <translation>Letzte ms</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>Runden</translation>
    </message>
    <message>
        <source>Last route change</source>
        <translation>Letzte Routenänderung</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
</context>
<context>
    <name>hopscope::SessionsPanel</name>
    <message>
        <source>Target lists (*.txt);;All files (*)</source>
        <translation>Ziellisten (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Monitor Target List…</source>
        <translation>Zielliste &amp;überwachen…</translation>
    </message>
    <message>
        <source>Start a monitoring session for each target of a list, one host name or address a line</source>
        <translation>Für jedes Ziel einer Liste eine Überwachung starten, ein Hostname oder eine Adresse je Zeile</translation>
    </message>
    <message>
        <source>&amp;Save Target List…</source>
        <translation>Zielliste &amp;speichern…</translation>
    </message>
    <message>
        <source>Keep the targets monitored here as a list, to monitor them together again</source>
        <translation>Die hier überwachten Ziele als Liste behalten, um sie wieder gemeinsam zu überwachen</translation>
    </message>
    <message>
        <source>Monitor Target List</source>
        <translation>Zielliste überwachen</translation>
    </message>
    <message>
        <source>This list cannot be used: %1</source>
        <translation>Diese Liste kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>No target is monitored: there is no list to save</source>
        <translation>Kein Ziel wird überwacht: Es gibt keine Liste zu speichern</translation>
    </message>
    <message>
        <source>Save Target List</source>
        <translation>Zielliste speichern</translation>
    </message>
    <message>
        <source>targets.txt</source>
        <translation>ziele.txt</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n targets to %1</source>
        <translation>
            <numerusform>%n Ziel in %1 gespeichert</numerusform>
            <numerusform>%n Ziele in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the target list: %1</source>
        <translation>Die Zielliste konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>hopscope::TargetBar</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Find the path MTU</source>
        <translation>Pfad-MTU ermitteln</translation>
    </message>
    <message>
        <source>Host name or address</source>
        <translation>Hostname oder Adresse</translation>
    </message>
    <message>
        <source>Where to trace to (Enter starts)</source>
        <translation>Wohin gemessen wird (Enter startet)</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>ICMP</source>
        <translation>ICMP</translation>
    </message>
    <message>
        <source>TCP SYN, UDP or ICMP echo probes</source>
        <translation>TCP-SYN-, UDP- oder ICMP-Echo-Sonden</translation>
    </message>
    <message>
        <source>Destination port</source>
        <translation>Zielport</translation>
    </message>
    <message>
        <source>port </source>
        <translation>Port </translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>Parallel</translation>
    </message>
    <message>
        <source>Sequential</source>
        <translation>Nacheinander</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Messen</translation>
    </message>
    <message>
        <source>One trace: every hop once, then stop</source>
        <translation>Eine Messung: jeder Hop einmal, dann Schluss</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Überwachen</translation>
    </message>
    <message>
        <source>Trace again every interval until stopped, with statistics and route changes</source>
        <translation>In jedem Intervall erneut messen, bis gestoppt, mit Statistik und Routenänderungen</translation>
    </message>
    <message>
        <source>Highest TTL probed</source>
        <translation>Höchste gemessene TTL</translation>
    </message>
    <message>
        <source>Probes per TTL. Monitoring asks each router once a round by default: routers answer about one probe a second, and more shows loss that is only their ICMP budget.</source>
        <translation>Sonden je TTL. Beim Überwachen wird jeder Router standardmäßig einmal je Runde gefragt: Router beantworten etwa eine Sonde pro Sekunde, und mehr zeigt Verlust, der nur ihr ICMP-Budget ist.</translation>
    </message>
    <message>
        <source>Flows with distinct source ports, to find load-balanced paths</source>
        <translation>Flows mit verschiedenen Quellports, um lastverteilte Pfade zu finden</translation>
    </message>
    <message>
        <source>Max TTL</source>
        <translation>Max. TTL</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Queries per TTL</source>
        <translation>Anfragen je TTL</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flows</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Source port of the first flow; the others count up from it</source>
        <translation>Quellport des ersten Flows; die anderen zählen von ihm aufwärts</translation>
    </message>
    <message>
        <source>First source port</source>
        <translation>Erster Quellport</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <source>Address family</source>
        <translation>Adressfamilie</translation>
    </message>
    <message>
        <source>DSCP of the probes (0-63). Routers quote it back, so the hop table shows where it is rewritten on the way.</source>
        <translation>DSCP der Sonden (0–63). Router zitieren ihn zurück, daher zeigt die Hop-Tabelle, wo er unterwegs umgeschrieben wird.</translation>
    </message>
    <message>
        <source>DSCP</source>
        <translation>DSCP</translation>
    </message>
    <message>
        <source>Probes as large as the outgoing interface&apos;s MTU, with don&apos;t-fragment, shrink where a router says they are too big: the verdict tells the path MTU and where it drops. A single trace only; needs raw sockets or the helper.</source>
        <translation>Sonden so groß wie die MTU der ausgehenden Schnittstelle, mit „Don’t Fragment“, werden kleiner, wo ein Router sie zu groß nennt: Das Ergebnis nennt die Pfad-MTU und wo sie sinkt. Nur bei einer einzelnen Messung; braucht Raw-Sockets oder den Helfer.</translation>
    </message>
    <message>
        <source>Monitor interval</source>
        <translation>Überwachungsintervall</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Stopp (Esc)</translation>
    </message>
    <message>
        <source>Start (Enter)</source>
        <translation>Start (Enter)</translation>
    </message>
</context>
<context>
    <name>hopscope::TimelineModel</name>
    <message>
        <source>TTL %1</source>
        <translation>TTL %1</translation>
    </message>
    <message>
        <source>; %1% loss</source>
        <translation>; %1 % Verlust</translation>
    </message>
    <message>
        <source>The route changed since the path before.</source>
        <translation>Die Route hat sich seit dem vorigen Pfad geändert.</translation>
    </message>
</context>
<context>
    <name>hopscope::TimelineTab</name>
    <message>
        <source>&amp;Compare the Two Selected</source>
        <translation>Die zwei ausgewählten &amp;vergleichen</translation>
    </message>
    <message>
        <source>Select two columns (Ctrl+click) to compare those two paths</source>
        <translation>Zwei Spalten wählen (Strg+Klick), um diese beiden Pfade zu vergleichen</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>Zeitleiste: %1</translation>
    </message>
    <message>
        <source>No paths.</source>
        <translation>Keine Pfade.</translation>
    </message>
    <message>
        <source>%1 paths to %2, %3 to %4: </source>
        <translation>%1 Pfade nach %2, %3 bis %4: </translation>
    </message>
    <message>
        <source>the route stayed the same.</source>
        <translation>Die Route blieb gleich.</translation>
    </message>
    <message>
        <source>the route changed once.</source>
        <translation>Die Route änderte sich einmal.</translation>
    </message>
    <message>
        <source>the route changed %1 times.</source>
        <translation>Die Route änderte sich %1-mal.</translation>
    </message>
    <message>
        <source>Note: the paths lead to different addresses.</source>
        <translation>Hinweis: Die Pfade führen zu verschiedenen Adressen.</translation>
    </message>
    <message>
        <source>Select two paths (columns) of the timeline to compare.</source>
        <translation>Wählen Sie zwei Pfade (Spalten) der Zeitleiste zum Vergleichen.</translation>
    </message>
    <message>
        <source>Destination RTT (median) over time</source>
        <translation>Ziel-RTT (Median) im Zeitverlauf</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>destination median RTT</source>
        <translation>Median-RTT des Ziels</translation>
    </message>
    <message>
        <source>route changed</source>
        <translation>Route geändert</translation>
    </message>
</context>
<context>
    <name>hopscope::TraceSession</name>
    <message>
        <source>through the helper</source>
        <translation>über den Helfer</translation>
    </message>
    <message>
        <source>in this process</source>
        <translation>in diesem Prozess</translation>
    </message>
    <message>
        <source>Owner database left out: %1</source>
        <translation>Inhaber-Datenbank ausgelassen: %1</translation>
    </message>
    <message>
        <source>without privileges</source>
        <translation>ohne Privilegien</translation>
    </message>
    <message>
        <source>Round %1 failed: %2</source>
        <translation>Runde %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>hopscope::TraceTab</name>
    <message>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Whole session</source>
        <translation>Ganze Sitzung</translation>
    </message>
    <message>
        <source>How far back the chart reaches</source>
        <translation>Wie weit das Diagramm zurückreicht</translation>
    </message>
    <message>
        <source>New trace</source>
        <translation>Neue Messung</translation>
    </message>
    <message>
        <source>%1 (monitor)</source>
        <translation>%1 (Überwachung)</translation>
    </message>
    <message>
        <source>Probing %1</source>
        <translation>Messe %1</translation>
    </message>
    <message>
        <source>Enter a host and press Enter to trace.</source>
        <translation>Geben Sie einen Host ein und drücken Sie Enter, um zu messen.</translation>
    </message>
    <message>
        <source>resolving %1…</source>
        <translation>löse %1 auf…</translation>
    </message>
    <message>
        <source>round %1</source>
        <translation>Runde %1</translation>
    </message>
    <message>
        <source>TTL %1 of %2 settled</source>
        <translation>TTL %1 von %2 abgeschlossen</translation>
    </message>
    <message>
        <source>probing…</source>
        <translation>messe…</translation>
    </message>
    <message>
        <source>round %1 done, one every %2 s</source>
        <translation>Runde %1 fertig, eine alle %2 s</translation>
    </message>
    <message>
        <source>no date in the file</source>
        <translation>kein Datum in der Datei</translation>
    </message>
    <message>
        <source>traced %1</source>
        <translation>gemessen %1</translation>
    </message>
    <message>
        <source>destination reached at TTL %1</source>
        <translation>Ziel erreicht bei TTL %1</translation>
    </message>
    <message>
        <source>destination not reached</source>
        <translation>Ziel nicht erreicht</translation>
    </message>
    <message>
        <source>to %1 after TTL %2</source>
        <translation>bis %1 nach TTL %2</translation>
    </message>
    <message>
        <source>path MTU %1 bytes</source>
        <translation>Pfad-MTU %1 Byte</translation>
    </message>
    <message>
        <source>path MTU %1 bytes (drops %2)</source>
        <translation>Pfad-MTU %1 Byte (sinkt %2)</translation>
    </message>
    <message>
        <source>stopped after 1 round</source>
        <translation>nach 1 Runde gestoppt</translation>
    </message>
    <message>
        <source>stopped after %1 rounds</source>
        <translation>nach %1 Runden gestoppt</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>1 route change</source>
        <translation>1 Routenänderung</translation>
    </message>
    <message>
        <source>%1 route changes</source>
        <translation>%1 Routenänderungen</translation>
    </message>
    <message>
        <source>Open Period in New Tab</source>
        <translation>Zeitraum in neuem Tab öffnen</translation>
    </message>
    <message>
        <source>Whole Session</source>
        <translation>Ganze Sitzung</translation>
    </message>
    <message>
        <source>Show the whole session again (or right-click the chart)</source>
        <translation>Wieder die ganze Sitzung zeigen (oder Rechtsklick ins Diagramm)</translation>
    </message>
    <message>
        <source>Open the period as a path of its own, to save, export or report</source>
        <translation>Den Zeitraum als eigenen Pfad öffnen, zum Speichern, Exportieren oder für einen Bericht</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Nothing was probed in %1.</source>
        <translation>In %1 wurde nichts geprüft.</translation>
    </message>
    <message>
        <source>Alerts raised: %1.</source>
        <translation>Ausgelöste Alarme: %1.</translation>
    </message>
    <message>
        <source>Focused on %1: 1 round.</source>
        <translation>Fokus auf %1: 1 Runde.</translation>
    </message>
    <message>
        <source>Focused on %1: %2 rounds.</source>
        <translation>Fokus auf %1: %2 Runden.</translation>
    </message>
    <message>
        <source>%1, %2 to %3</source>
        <translation>%1, %2 bis %3</translation>
    </message>
</context>
<context>
    <name>hopscope::TraceWorker</name>
    <message>
        <source>the probe helper did not answer within %1 s</source>
        <translation>der Sondenhelfer hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>a trace is running already</source>
        <translation>es läuft bereits eine Messung</translation>
    </message>
    <message>
        <source>the probe helper %1 could not be started (%2)</source>
        <translation>der Sondenhelfer %1 konnte nicht gestartet werden (%2)</translation>
    </message>
    <message>
        <source>the probe helper stopped unexpectedly (killed or crashed)</source>
        <translation>der Sondenhelfer wurde unerwartet beendet (abgebrochen oder abgestürzt)</translation>
    </message>
    <message>
        <source>the probe helper exited with status %1</source>
        <translation>der Sondenhelfer wurde mit Status %1 beendet</translation>
    </message>
    <message>
        <source>the probe helper has no permission to send raw packets (grant it with: sudo setcap %1 %2)</source>
        <translation>der Sondenhelfer darf keine Raw-Pakete senden (erteilen mit: sudo setcap %1 %2)</translation>
    </message>
    <message>
        <source>the probe helper cannot send raw packets of this address family</source>
        <translation>der Sondenhelfer kann keine Raw-Pakete dieser Adressfamilie senden</translation>
    </message>
    <message>
        <source>the trace was cancelled</source>
        <translation>die Messung wurde abgebrochen</translation>
    </message>
    <message>
        <source>the probe helper speaks protocol version %1, not %2</source>
        <translation>der Sondenhelfer spricht Protokollversion %1, nicht %2</translation>
    </message>
    <message>
        <source>; tracing from this program instead</source>
        <translation>; stattdessen misst dieses Programm selbst</translation>
    </message>
    <message>
        <source>; traces will run from this program</source>
        <translation>; Messungen laufen in diesem Programm</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See the network path to a destination.</source>
        <translation>Den Netzwerkpfad zu einem Ziel sehen.</translation>
    </message>
    <message>
        <source>NetworkPath JSON files to open.</source>
        <translation>Zu öffnende NetworkPath-JSON-Dateien.</translation>
    </message>
    <message>
        <source>Earlier Settings</source>
        <translation>Frühere Einstellungen</translation>
    </message>
    <message>
        <source>Start monitoring HOST, with the protocol and options the window used last; repeat it to monitor several hosts.</source>
        <translation>HOST überwachen, mit dem Protokoll und den Optionen, die das Fenster zuletzt verwendet hat; wiederholt angegeben, werden mehrere Hosts überwacht.</translation>
    </message>
</context>
</TS>
