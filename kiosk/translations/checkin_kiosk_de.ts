<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <location filename="../station/presenting.py" line="239"/>
        <source>no copy yet</source>
        <translation>noch keine Kopie</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="242"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="245"/>
        <source>{minutes} min old</source>
        <translation>{minutes} Min. alt</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="248"/>
        <source>{hours} h {minutes} min old</source>
        <translation>{hours} Std. {minutes} Min. alt</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/presenting.py" line="249"/>
        <source>%n day(s) old</source>
        <translation>
            <numerusform>%n Tag alt</numerusform>
            <numerusform>%n Tage alt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="266"/>
        <source>No answer from the host for {duration}. It may have stopped, moved to another address or port, or the network is down. Check the host computer; if its address changed, set this station up again from the host&apos;s “Add a station” code.</source>
        <translation>Seit {duration} keine Antwort von der Host-Station. Sie wurde vielleicht beendet, ist auf eine andere Adresse oder einen anderen Port umgezogen, oder das Netzwerk ist ausgefallen. Prüfen Sie den Host-Rechner; hat sich seine Adresse geändert, richten Sie diese Station mit dem Code „Station hinzufügen“ der Host-Station neu ein.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="281"/>
        <source>forced by staff</source>
        <translation>vom Personal erzwungen</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="281"/>
        <source>host not reachable</source>
        <translation>Host-Station nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="282"/>
        <source>no offline copy yet</source>
        <translation>noch keine Offline-Kopie</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="283"/>
        <source>offline copy {age}</source>
        <translation>Offline-Kopie {age}</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/presenting.py" line="284"/>
        <source>%n check-in(s) waiting to upload</source>
        <translation>
            <numerusform>%n Check-in wartet auf Übertragung</numerusform>
            <numerusform>%n Check-ins warten auf Übertragung</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="285"/>
        <source>OFFLINE ({why}) · {copy} · {waiting}</source>
        <translation>OFFLINE ({why}) · {copy} · {waiting}</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/banner.py" line="45"/>
        <source>%n refused by the host (see Status)</source>
        <translation>
            <numerusform>%n von der Host-Station abgelehnt (siehe Status)</numerusform>
            <numerusform>%n von der Host-Station abgelehnt (siehe Status)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/banner.py" line="54"/>
        <source>%n offline check-in(s) refused (see Status)</source>
        <translation>
            <numerusform>%n Offline-Check-in abgelehnt (siehe Status)</numerusform>
            <numerusform>%n Offline-Check-ins abgelehnt (siehe Status)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/banner.py" line="59"/>
        <source>%n offline check-in(s) refused by the host: see Status</source>
        <translation>
            <numerusform>%n Offline-Check-in von der Host-Station abgelehnt: siehe Status</numerusform>
            <numerusform>%n Offline-Check-ins von der Host-Station abgelehnt: siehe Status</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../scanning/cameras.py" line="17"/>
        <source>Demo camera</source>
        <translation>Demo-Kamera</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="61"/>
        <source>Camera {index} – {name}</source>
        <translation>Kamera {index} – {name}</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="62"/>
        <source>Camera {index}</source>
        <translation>Kamera {index}</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="74"/>
        <source>Stream: {address}</source>
        <translation>Stream: {address}</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="76"/>
        <source>No camera</source>
        <translation>Keine Kamera</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="81"/>
        <source>Picture folder: {path}</source>
        <translation>Bilderordner: {path}</translation>
    </message>
    <message>
        <location filename="../scanning/cameras.py" line="82"/>
        <source>Video file: {path}</source>
        <translation>Videodatei: {path}</translation>
    </message>
    <message>
        <location filename="../scanning/decoding.py" line="128"/>
        <source>The pyzbar decoder is not installed: pip install pyzbar (it also needs the zbar library: sudo apt-get install libzbar0), or use --decoder zxing.</source>
        <translation>Der Decoder pyzbar ist nicht installiert: pip install pyzbar (er braucht auch die Bibliothek zbar: sudo apt-get install libzbar0), oder verwenden Sie --decoder zxing.</translation>
    </message>
    <message>
        <location filename="../scanning/decoding.py" line="135"/>
        <source>The pyzbar decoder needs the zbar library: sudo apt-get install libzbar0, or use --decoder zxing.</source>
        <translation>Der Decoder pyzbar braucht die Bibliothek zbar: sudo apt-get install libzbar0, oder verwenden Sie --decoder zxing.</translation>
    </message>
    <message>
        <location filename="../scanning/decoding.py" line="219"/>
        <source>There is no decoder called {name}: use zxing (default) or pyzbar.</source>
        <translation>Es gibt keinen Decoder namens {name}: verwenden Sie zxing (Standard) oder pyzbar.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="73"/>
        <source>Camera {index} could not be opened. Check that it is connected and not used by another program, or pick another camera.</source>
        <translation>Kamera {index} ließ sich nicht öffnen. Prüfen Sie, ob sie angeschlossen ist und kein anderes Programm sie verwendet, oder wählen Sie eine andere Kamera.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="84"/>
        <source>Camera {index} is not open.</source>
        <translation>Kamera {index} ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="87"/>
        <source>Camera {index} stopped sending pictures. Check its cable; the station keeps trying to reconnect.</source>
        <translation>Kamera {index} sendet keine Bilder mehr. Prüfen Sie das Kabel; die Station versucht weiter, sich neu zu verbinden.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="126"/>
        <source>The camera stream {url} could not be opened. Check the address and that the camera is switched on and reachable.</source>
        <translation>Der Kamera-Stream {url} ließ sich nicht öffnen. Prüfen Sie die Adresse und ob die Kamera eingeschaltet und erreichbar ist.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="134"/>
        <source>The camera stream {url} is not open.</source>
        <translation>Der Kamera-Stream {url} ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="137"/>
        <source>The camera stream {url} stopped sending pictures; reconnecting.</source>
        <translation>Der Kamera-Stream {url} sendet keine Bilder mehr; verbinde neu.</translation>
    </message>
    <message>
        <location filename="../scanning/sources.py" line="171"/>
        <source>There is no camera, video file or folder called {name}. Use a camera number (0, 1, ...), a video file, a folder of pictures, an http:// or rtsp:// address, or &apos;demo&apos;.</source>
        <translation>Es gibt keine Kamera, Videodatei und keinen Ordner namens {name}. Verwenden Sie eine Kameranummer (0, 1, ...), eine Videodatei, einen Bilderordner, eine http://- oder rtsp://-Adresse oder &apos;demo&apos;.</translation>
    </message>
</context>
<context>
    <name>Compact</name>
    <message>
        <location filename="../station/presenting.py" line="343"/>
        <location filename="../station/presenting.py" line="344"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="343"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="344"/>
        <source>By hand</source>
        <translation>Von Hand</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="350"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="357"/>
        <source>ATTENTION</source>
        <translation>ACHTUNG</translation>
    </message>
    <message>
        <location filename="../ui/compact_result.py" line="55"/>
        <source>A scan while staff work here (click to hide it)</source>
        <translation>Ein Scan, während hier gearbeitet wird (zum Ausblenden klicken)</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../station/screens.py" line="61"/>
        <source>Back to scanning in %n s</source>
        <translation>Zurück zum Scannen in %n s</translation>
    </message>
    <message>
        <location filename="../station/screens.py" line="62"/>
        <source>Back to search in %n s</source>
        <translation>Zurück zur Suche in %n s</translation>
    </message>
    <message>
        <location filename="../station/screens.py" line="63"/>
        <source>Back to status in %n s</source>
        <translation>Zurück zum Status in %n s</translation>
    </message>
    <message>
        <location filename="../station/screens.py" line="64"/>
        <source>Back to the host panel in %n s</source>
        <translation>Zurück zur Host-Ansicht in %n s</translation>
    </message>
    <message>
        <location filename="../station/screens.py" line="65"/>
        <source>Back to setup in %n s</source>
        <translation>Zurück zur Einrichtung in %n s</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../station/presenting.py" line="256"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="259"/>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="261"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} Std. {minutes} Min.</translation>
    </message>
</context>
<context>
    <name>Host</name>
    <message>
        <location filename="../hosting/service.py" line="96"/>
        <source>Cannot open the host database in {folder}: {problem}</source>
        <translation>Die Host-Datenbank in {folder} lässt sich nicht öffnen: {problem}</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="120"/>
        <source>Cannot read or make the host&apos;s certificate in {folder}: {problem}</source>
        <translation>Das Zertifikat des Hosts in {folder} lässt sich nicht lesen oder anlegen: {problem}</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="137"/>
        <source>Port {port} on {address} is already in use (another checkin-kiosk or checkin-server?) or not allowed. Stop that program, or choose another port with --port N (0 = any free port).</source>
        <translation>Port {port} auf {address} ist schon belegt (ein anderer checkin-kiosk oder checkin-server?) oder nicht erlaubt. Beenden Sie dieses Programm oder wählen Sie mit --port N einen anderen Port (0 = irgendein freier Port).</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="142"/>
        <source>Cannot serve on {address}:{port}: {problem}</source>
        <translation>Kann nicht auf {address}:{port} bereitstellen: {problem}</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="175"/>
        <source>The host server is not running; start it first.</source>
        <translation>Der Host-Server läuft nicht; starten Sie ihn zuerst.</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="196"/>
        <source>Not encrypted: this host serves plain HTTP (--insecure-http). Anyone on the network can read station keys and the guest list.</source>
        <translation>Nicht verschlüsselt: Dieser Host antwortet über einfaches HTTP (--insecure-http). Jeder im Netzwerk kann Stationsschlüssel und Gästeliste mitlesen.</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="236"/>
        <source>No event {organizer}/{event} here. Import it first.</source>
        <translation>Hier gibt es keine Veranstaltung {organizer}/{event}. Importieren Sie sie zuerst.</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="243"/>
        <source>No event yet: import a pretix export or load the demo first.</source>
        <translation>Noch keine Veranstaltung: Importieren Sie zuerst einen pretix-Export oder laden Sie die Demo.</translation>
    </message>
    <message>
        <location filename="../hosting/service.py" line="252"/>
        <source>Import failed, nothing changed: {problem}</source>
        <translation>Import fehlgeschlagen, nichts wurde geändert: {problem}</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="37"/>
        <source>This computer only (127.0.0.1)</source>
        <translation>Nur dieser Rechner (127.0.0.1)</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="38"/>
        <source>All networks: other stations</source>
        <translation>Alle Netzwerke: andere Stationen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="40"/>
        <location filename="../ui/host_view.py" line="196"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="40"/>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="41"/>
        <source>Setup JSON:</source>
        <translation>Einrichtungs-JSON:</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="42"/>
        <source>Copy the server address to the clipboard</source>
        <translation>Serveradresse in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="43"/>
        <source>Copy the station key to the clipboard</source>
        <translation>Stationsschlüssel in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="44"/>
        <source>Copy the setup JSON to the clipboard</source>
        <translation>Einrichtungs-JSON in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="45"/>
        <source>Copied the server address.</source>
        <translation>Serveradresse kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="46"/>
        <source>Copied the station key.</source>
        <translation>Stationsschlüssel kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="47"/>
        <source>Copied the setup JSON.</source>
        <translation>Einrichtungs-JSON kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="48"/>
        <source>Event files (*.json *.csv);;All files (*)</source>
        <translation>Veranstaltungsdateien (*.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="128"/>
        <source>Back to scanning (Esc)</source>
        <translation>Zurück zum Scannen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="130"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="134"/>
        <source>Event overview</source>
        <translation>Veranstaltungsübersicht</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="155"/>
        <source>Host this event</source>
        <translation>Veranstaltung bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="157"/>
        <source>Server not started</source>
        <translation>Server nicht gestartet</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="165"/>
        <source>Listen there</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="173"/>
        <source>No event loaded</source>
        <translation>Keine Veranstaltung geladen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="176"/>
        <source>Import event file…</source>
        <translation>Veranstaltungsdatei importieren…</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="178"/>
        <source>Load demo data</source>
        <translation>Demodaten laden</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="185"/>
        <source>Station name, e.g. Entrance 2</source>
        <translation>Name der Station, z. B. Eingang 2</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="186"/>
        <source>Add a station</source>
        <translation>Station hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="192"/>
        <source>Revoke selected key</source>
        <translation>Gewählten Schlüssel sperren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="198"/>
        <source>Listen on:</source>
        <translation>Erreichbar für:</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="200"/>
        <source>Event:</source>
        <translation>Veranstaltung:</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="227"/>
        <source>Stations (keys):</source>
        <translation>Stationen (Schlüssel):</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="240"/>
        <source>Hold the new station&apos;s camera about half a metre from this code, or copy the setup JSON (or server and key) to it.</source>
        <translation>Halten Sie die Kamera der neuen Station etwa einen halben Meter vor diesen Code, oder übertragen Sie das Einrichtungs-JSON (oder Server und Schlüssel) auf sie.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="245"/>
        <source>Listening on this computer only. No other computer can use this code.</source>
        <translation>Nur auf diesem Rechner erreichbar. Kein anderer Rechner kann diesen Code verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="248"/>
        <source>Listen on all networks</source>
        <translation>In allen Netzwerken erreichbar machen</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="266"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="321"/>
        <source>only this computer can connect</source>
        <translation>nur dieser Rechner kann sich verbinden</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="322"/>
        <source>other stations use this address</source>
        <translation>andere Stationen verwenden diese Adresse</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="331"/>
        <source>Only {address} (as started)</source>
        <translation>Nur {address} (wie gestartet)</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="342"/>
        <source>Certificate fingerprint (SHA-256): {fingerprint}</source>
        <translation>Fingerabdruck des Zertifikats (SHA-256): {fingerprint}</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="347"/>
        <source>Port {wanted} is taken by another program, so this host now listens on port {port}. Stations set up for port {wanted} cannot reach it: for each of them, “Add a station” below (under a new name) and show the new code to that station&apos;s camera. Stations now need {url}.</source>
        <translation>Port {wanted} ist von einem anderen Programm belegt, daher ist diese Host-Station jetzt unter Port {port} erreichbar. Stationen, die für Port {wanted} eingerichtet sind, erreichen sie nicht: Für jede von ihnen unten „Station hinzufügen“ (unter neuem Namen) und den neuen Code der Kamera dieser Station zeigen. Stationen brauchen jetzt {url}.</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="364"/>
        <source>{name}  (revoked)</source>
        <translation>{name}  (gesperrt)</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="387"/>
        <source>Setup code for “{name}”</source>
        <translation>Einrichtungscode für „{name}“</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="408"/>
        <source>Import an event file</source>
        <translation>Veranstaltungsdatei importieren</translation>
    </message>
    <message>
        <location filename="../ui/host_view.py" line="416"/>
        <source>Type a name for the new station first.</source>
        <translation>Geben Sie zuerst einen Namen für die neue Station ein.</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="101"/>
        <source>Starting the host server…</source>
        <translation>Host-Server wird gestartet…</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="103"/>
        <source>Starting the host server and loading the demo event…</source>
        <translation>Host-Server wird gestartet und die Demo-Veranstaltung geladen…</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="140"/>
        <source>Moving the server to {address}…</source>
        <translation>Server wechselt zu {address}…</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="144"/>
        <location filename="../ui/host_wiring.py" line="148"/>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="151"/>
        <source>Loading demo data…</source>
        <translation>Demodaten werden geladen…</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="157"/>
        <source>Hosting at {url}.</source>
        <translation>Bereitgestellt unter {url}.</translation>
    </message>
    <message>
        <location filename="../ui/host_wiring.py" line="181"/>
        <source>No event yet: import an event file (pretix export) or load demo data.</source>
        <translation>Noch keine Veranstaltung: Importieren Sie eine Veranstaltungsdatei (pretix-Export) oder laden Sie Demodaten.</translation>
    </message>
    <message>
        <location filename="../ui/host_worker.py" line="77"/>
        <source>{problem} Still listening on {address}.</source>
        <translation>{problem} Weiterhin erreichbar unter {address}.</translation>
    </message>
    <message>
        <location filename="../ui/host_worker.py" line="100"/>
        <source>Cannot read {path}: {problem}</source>
        <translation>{path} lässt sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <location filename="../ui/host_worker.py" line="113"/>
        <source>Demo event loaded.</source>
        <translation>Demo-Veranstaltung geladen.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../client/errors.py" line="26"/>
        <source>The host had a problem. Try again.</source>
        <translation>Die Host-Station hatte ein Problem. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="36"/>
        <source>The host does not answer. Check the network and that the host station is running.</source>
        <translation>Die Host-Station antwortet nicht. Prüfen Sie das Netzwerk und ob die Host-Station läuft.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="48"/>
        <source>The host does not answer in time. Check the network and that the host station is running.</source>
        <extracomment>False when the request certainly never reached the host (refused, connect timeout).</extracomment>
        <translation>Die Host-Station antwortet nicht rechtzeitig. Prüfen Sie das Netzwerk und ob die Host-Station läuft.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="55"/>
        <source>This station&apos;s key is no longer valid. Set it up again.</source>
        <translation>Der Schlüssel dieser Station ist nicht mehr gültig. Richten Sie sie neu ein.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="61"/>
        <source>The host does not know this event. Check the station&apos;s setup.</source>
        <translation>Die Host-Station kennt diese Veranstaltung nicht. Prüfen Sie die Einrichtung der Station.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="67"/>
        <source>This host&apos;s certificate does not match the setup code. Set this station up again, or ask who changed the host.</source>
        <translation>Das Zertifikat dieses Hosts passt nicht zum Einrichtungscode. Richten Sie diese Station neu ein, oder fragen Sie, wer den Host geändert hat.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="77"/>
        <source>This computer does not trust the host&apos;s certificate. Scan the host&apos;s setup code (it carries the certificate&apos;s fingerprint), or set the station up by hand with the fingerprint.</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Hosts nicht. Scannen Sie den Einrichtungscode des Hosts (er enthält den Fingerabdruck des Zertifikats), oder richten Sie die Station von Hand mit dem Fingerabdruck ein.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="87"/>
        <source>The host now uses encryption: scan its new setup code.</source>
        <translation>Der Host verschlüsselt jetzt: Scannen Sie seinen neuen Einrichtungscode.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="93"/>
        <source>The host is busy. Trying again...</source>
        <translation>Die Host-Station ist ausgelastet. Neuer Versuch...</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="108"/>
        <source>The host sent an answer this station cannot read. Check the station&apos;s setup.</source>
        <extracomment>HTTP status code, or None when the answer itself was unreadable.</extracomment>
        <translation>Die Host-Station hat eine Antwort geschickt, die diese Station nicht lesen kann. Prüfen Sie die Einrichtung der Station.</translation>
    </message>
    <message>
        <location filename="../client/errors.py" line="110"/>
        <source>The host had a problem (HTTP {status}). Try again; if it persists, check the host.</source>
        <translation>Die Host-Station hatte ein Problem (HTTP {status}). Versuchen Sie es erneut; bleibt es, prüfen Sie die Host-Station.</translation>
    </message>
    <message>
        <location filename="../offline/gate.py" line="270"/>
        <source>The host is busy. Scan the ticket again.</source>
        <translation>Die Host-Station ist ausgelastet. Scannen Sie das Ticket erneut.</translation>
    </message>
    <message>
        <location filename="../offline/store.py" line="111"/>
        <source>The station cannot open its offline store ({path}). Check the data folder&apos;s free space and permissions.</source>
        <translation>Die Station kann ihren Offline-Speicher nicht öffnen ({path}). Prüfen Sie freien Speicherplatz und Berechtigungen des Datenordners.</translation>
    </message>
    <message>
        <location filename="../ui/network_worker.py" line="95"/>
        <source>Connected to {event}.</source>
        <translation>Verbunden mit {event}.</translation>
    </message>
    <message>
        <location filename="../ui/network_worker.py" line="96"/>
        <source>Connected to the event.</source>
        <translation>Mit der Veranstaltung verbunden.</translation>
    </message>
    <message>
        <location filename="../ui/network_worker.py" line="109"/>
        <source>This computer does not trust the host&apos;s certificate. Compare the fingerprint below with the host&apos;s before connecting.</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Hosts nicht. Vergleichen Sie den Fingerabdruck unten mit dem des Hosts, bevor Sie verbinden.</translation>
    </message>
    <message>
        <location filename="../ui/network_worker.py" line="127"/>
        <source>This station is not set up yet. Scan a setup code first.</source>
        <translation>Diese Station ist noch nicht eingerichtet. Scannen Sie zuerst einen Einrichtungscode.</translation>
    </message>
    <message>
        <location filename="../ui/network_worker.py" line="141"/>
        <location filename="../ui/network_worker.py" line="149"/>
        <source>This station is not set up.</source>
        <translation>Diese Station ist nicht eingerichtet.</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <location filename="../offline/gate.py" line="309"/>
        <source>Searched this station&apos;s offline copy (updated {age}).</source>
        <translation>In der Offline-Kopie dieser Station gesucht (Stand: {age}).</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="26"/>
        <source>Valid ticket. Welcome!</source>
        <translation>Gültiges Ticket. Willkommen!</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="27"/>
        <source>Already checked in.</source>
        <translation>Bereits eingecheckt.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="28"/>
        <source>Unknown ticket.</source>
        <translation>Unbekanntes Ticket.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="29"/>
        <source>This ticket&apos;s order is not paid (or was canceled). Send the guest to the box office.</source>
        <translation>Die Bestellung zu diesem Ticket ist nicht bezahlt (oder wurde storniert). Schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="31"/>
        <source>This ticket is not valid at this entrance. Send the guest to the right entrance or the box office.</source>
        <translation>Dieses Ticket gilt nicht an diesem Eingang. Schicken Sie den Gast zum richtigen Eingang oder zur Kasse.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="33"/>
        <source>This ticket has been blocked: send the guest to the box office.</source>
        <translation>Dieses Ticket wurde gesperrt: Schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="34"/>
        <source>This ticket is not valid at this time: check the date and time printed on it, or send the guest to the box office.</source>
        <translation>Dieses Ticket ist aktuell nicht gültig: Prüfen Sie Datum und Uhrzeit auf dem Ticket oder schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="134"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="136"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="139"/>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="140"/>
        <source>{hours} h {minutes} min ago</source>
        <translation>vor {hours} Std. {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="147"/>
        <source>Refused by the host ({reason}).</source>
        <translation>Von der Host-Station abgelehnt ({reason}).</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="153"/>
        <source>The host does not answer and this station has no offline copy of the tickets yet, so it cannot check tickets now. Send the guest to the box office.</source>
        <translation>Die Host-Station antwortet nicht, und diese Station hat noch keine Offline-Kopie der Tickets; sie kann jetzt keine Tickets prüfen. Schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="156"/>
        <source>Checked offline against this station&apos;s copy (updated {age}).</source>
        <translation>Offline geprüft mit der Kopie dieser Station (Stand: {age}).</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="159"/>
        <source>{valid} {checked} It will be sent to the host when it answers again.</source>
        <translation>{valid} {checked} Der Check-in wird an die Host-Station gesendet, sobald sie wieder antwortet.</translation>
    </message>
    <message>
        <location filename="../offline/rules.py" line="162"/>
        <source>Not found in this station&apos;s offline copy. {checked} The host could not be asked; if the ticket looks genuine, send the guest to the box office.</source>
        <translation>Nicht in der Offline-Kopie dieser Station gefunden. {checked} Die Host-Station war nicht erreichbar; wirkt das Ticket echt, schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="156"/>
        <source>Checked offline</source>
        <translation>Offline geprüft</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../hosting/overview.py" line="35"/>
        <source>No event yet: import an event file or load demo data first.</source>
        <translation>Noch keine Veranstaltung: Importieren Sie zuerst eine Veranstaltungsdatei oder laden Sie Demodaten.</translation>
    </message>
    <message>
        <location filename="../ui/arrivals_chart.py" line="60"/>
        <source>No arrivals yet</source>
        <translation>Noch keine Ankünfte</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="32"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="32"/>
        <source>Last seen</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="33"/>
        <source>15 min</source>
        <translation>15 Min.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="33"/>
        <source>Admitted</source>
        <translation>Einlässe</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="34"/>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="34"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="35"/>
        <source>Last problem</source>
        <translation>Letztes Problem</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="35"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="46"/>
        <source>already used</source>
        <translation>bereits eingelöst</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="47"/>
        <source>unpaid</source>
        <translation>nicht bezahlt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="49"/>
        <source>wrong product</source>
        <translation>falsche Ticketart</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="50"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="51"/>
        <source>not valid now</source>
        <translation>aktuell nicht gültig</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="48"/>
        <source>unknown ticket</source>
        <translation>unbekanntes Ticket</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="52"/>
        <source>invalid upload</source>
        <translation>ungültige Übertragung</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="53"/>
        <source>host error</source>
        <translation>Fehler der Host-Station</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="62"/>
        <source>pretix sync: {problem}</source>
        <translation>pretix-Synchronisation: {problem}</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="65"/>
        <source>pretix rejected a check-in ({reason})</source>
        <translation>pretix hat einen Check-in abgelehnt ({reason})</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="70"/>
        <source>{reason} (refused offline)</source>
        <translation>{reason} (offline abgewiesen)</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="72"/>
        <source>offline upload rejected ({reason})</source>
        <translation>Offline-Übertragung abgelehnt ({reason})</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="75"/>
        <source>{what}, order {order}</source>
        <translation>{what}, Bestellung {order}</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="82"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="84"/>
        <source>{seconds} s ago</source>
        <translation>vor {seconds} s</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="86"/>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="87"/>
        <source>{hours} h {minutes} min ago</source>
        <translation>vor {hours} Std. {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="114"/>
        <source>Event overview</source>
        <translation>Veranstaltungsübersicht</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="116"/>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="129"/>
        <source>Scans in the last 15 minutes</source>
        <translation>Scans in den letzten 15 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="131"/>
        <source>Offline admissions uploaded (and refused on upload)</source>
        <translation>Übertragene Offline-Einlässe (und beim Übertragen abgelehnte)</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="142"/>
        <source>Overview page for a phone…</source>
        <translation>Übersichtsseite für ein Smartphone…</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="146"/>
        <source>The event lead&apos;s laptop or phone can follow this overview in a browser (read-only): a new link, with its own key, for each device.</source>
        <translation>Laptop oder Smartphone der Veranstaltungsleitung können diese Übersicht im Browser verfolgen (nur lesend): ein neuer Link mit eigenem Schlüssel für jedes Gerät.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="160"/>
        <source>Arrivals per 5 minutes, and admitted so far against the expected (dashed)</source>
        <translation>Ankünfte je 5 Minuten und bisher Eingelassene gegenüber den Erwarteten (gestrichelt)</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="171"/>
        <source>Recent problems (newest first)</source>
        <translation>Letzte Probleme (neueste zuerst)</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="191"/>
        <source>No event yet: import an event file or load demo data.</source>
        <translation>Noch keine Veranstaltung: Importieren Sie eine Veranstaltungsdatei oder laden Sie Demodaten.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="197"/>
        <source> — {count} silent</source>
        <translation> — {count} ohne Kontakt</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/overview_view.py" line="199"/>
        <source>{admitted} of {expected} checked in, {to_come} still to come; %n scan(s) in the last 15 min{silent}</source>
        <translation>
            <numerusform>{admitted} von {expected} eingecheckt, {to_come} kommen noch; %n Scan in den letzten 15 Min.{silent}</numerusform>
            <numerusform>{admitted} von {expected} eingecheckt, {to_come} kommen noch; %n Scans in den letzten 15 Min.{silent}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="219"/>
        <source>No problems so far.</source>
        <translation>Bisher keine Probleme.</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="225"/>
        <source>Scan with the phone&apos;s camera, or open:
{url}</source>
        <translation>Mit der Kamera des Smartphones scannen oder öffnen:
{url}</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="241"/>
        <source>{list}: {admitted} of {expected} checked in, {to_come} still to come</source>
        <translation>{list}: {admitted} von {expected} eingecheckt, {to_come} kommen noch</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="252"/>
        <source>SILENT</source>
        <translation>KEIN KONTAKT</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="253"/>
        <source>(revoked)</source>
        <translation>(gesperrt)</translation>
    </message>
    <message>
        <location filename="../ui/overview_worker.py" line="43"/>
        <source>The overview could not be read: {problem}</source>
        <translation>Die Übersicht ließ sich nicht lesen: {problem}</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../ui/search_view.py" line="174"/>
        <location filename="../ui/setup_view.py" line="112"/>
        <location filename="../ui/status_view.py" line="102"/>
        <source>Back to scanning (Esc)</source>
        <translation>Zurück zum Scannen (Esc)</translation>
    </message>
</context>
<context>
    <name>Pin</name>
    <message>
        <location filename="../ui/pin_dialog.py" line="39"/>
        <source>Staff PIN</source>
        <translation>Personal-PIN</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="75"/>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="82"/>
        <source>Too many wrong PINs. Try again at {time}.</source>
        <translation>Zu viele falsche PINs. Versuchen Sie es um {time} erneut.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pin_dialog.py" line="94"/>
        <source>Wrong PIN. Try again (%n more before a {seconds} s lockout).</source>
        <translation>
            <numerusform>Falsche PIN. Versuchen Sie es erneut (noch %n Versuch vor {seconds} s Sperre).</numerusform>
            <numerusform>Falsche PIN. Versuchen Sie es erneut (noch %n Versuche vor {seconds} s Sperre).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="104"/>
        <source>Set a staff PIN</source>
        <translation>Personal-PIN festlegen</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="106"/>
        <source>Full screen is kiosk mode: guests must not reach the staff panels. Set a staff PIN (4 to 12 digits) first; staff need it to leave full screen and for every staff action.</source>
        <translation>Vollbild ist der Kioskmodus: Gäste dürfen nicht an die Personal-Ansichten gelangen. Legen Sie zuerst eine Personal-PIN fest (4 bis 12 Ziffern); das Personal braucht sie, um das Vollbild zu verlassen, und für jede Personal-Aktion.</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="113"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="114"/>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="119"/>
        <source>Set PIN and go full screen</source>
        <translation>PIN festlegen und Vollbild</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="142"/>
        <source>The PIN must be 4 to 12 digits.</source>
        <translation>Die PIN muss aus 4 bis 12 Ziffern bestehen.</translation>
    </message>
    <message>
        <location filename="../ui/pin_dialog.py" line="144"/>
        <source>The two PINs differ. Type it again.</source>
        <translation>Die beiden PINs unterscheiden sich. Geben Sie sie erneut ein.</translation>
    </message>
</context>
<context>
    <name>Pretix</name>
    <message>
        <location filename="../hosting/pretix.py" line="59"/>
        <source>Paste the device&apos;s setup code (or pretix&apos;s address and the device token) first.</source>
        <translation>Fügen Sie zuerst den Einrichtungscode des Geräts ein (oder die Adresse von pretix und den Geräte-Token).</translation>
    </message>
    <message>
        <location filename="../hosting/pretix.py" line="64"/>
        <source>This is not a pretix device code: it has no handshake_version.</source>
        <translation>Das ist kein pretix-Gerätecode: Ihm fehlt handshake_version.</translation>
    </message>
    <message>
        <location filename="../hosting/pretix.py" line="67"/>
        <source>pretix&apos;s address must start with http:// or https://, e.g. https://pretix.eu</source>
        <translation>Die Adresse von pretix muss mit http:// oder https:// beginnen, z. B. https://pretix.eu</translation>
    </message>
    <message>
        <location filename="../hosting/pretix.py" line="70"/>
        <source>Type the device token too (pretix shows it beside the device&apos;s QR code).</source>
        <translation>Geben Sie auch den Geräte-Token ein (pretix zeigt ihn neben dem QR-Code des Geräts).</translation>
    </message>
    <message>
        <location filename="../hosting/pretix.py" line="186"/>
        <source>Connecting was cancelled: the station is closing.</source>
        <translation>Verbinden abgebrochen: Die Station wird beendet.</translation>
    </message>
    <message>
        <location filename="../hosting/pretix.py" line="190"/>
        <source>Connecting failed unexpectedly; the station&apos;s log has the details. Nothing was changed.</source>
        <translation>Verbinden unerwartet fehlgeschlagen; Einzelheiten stehen im Protokoll der Station. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="157"/>
        <source>This pretix device code has handshake version {version}; this host understands version 1. Update checkin-kiosk, or connect with the device token instead.</source>
        <translation>Dieser pretix-Gerätecode hat die Handshake-Version {version}; diese Host-Station versteht Version 1. Aktualisieren Sie checkin-kiosk oder verbinden Sie stattdessen mit dem Geräte-Token.</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="161"/>
        <source>This pretix device code has no valid pretix address (it must start with http:// or https://).</source>
        <translation>Dieser pretix-Gerätecode hat keine gültige pretix-Adresse (sie muss mit http:// oder https:// beginnen).</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="164"/>
        <source>This pretix device code has no device token.</source>
        <translation>Dieser pretix-Gerätecode enthält keinen Geräte-Token.</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="21"/>
        <source>unknown to pretix</source>
        <translation>pretix unbekannt</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="22"/>
        <source>ambiguous in pretix</source>
        <translation>in pretix mehrdeutig</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="23"/>
        <source>secret revoked in pretix</source>
        <translation>Ticket-Code in pretix gesperrt</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="71"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="75"/>
        <source>{time} ({duration} ago)</source>
        <translation>{time} (vor {duration})</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/pretix_lines.py" line="81"/>
        <source>%n check-in(s) waiting</source>
        <translation>
            <numerusform>%n Check-in wartet</numerusform>
            <numerusform>%n Check-ins warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="91"/>
        <source> · device “{device}”</source>
        <translation> · Gerät „{device}“</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="96"/>
        <source>Stopped: pretix revoked this device. {waiting}; nothing is deleted. Connect again with a new device.</source>
        <translation>Angehalten: pretix hat diesem Gerät den Zugriff entzogen. {waiting}; nichts wird gelöscht. Verbinden Sie erneut mit einem neuen Gerät.</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="99"/>
        <source>Paused: {problem} {waiting}.</source>
        <translation>Pausiert: {problem} {waiting}.</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="100"/>
        <source>pretix refuses uploads.</source>
        <translation>pretix lehnt Übertragungen ab.</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="102"/>
        <source>pretix unreachable since {time}, {waiting}</source>
        <translation>pretix nicht erreichbar seit {time}, {waiting}</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="105"/>
        <source>Last error: {problem}</source>
        <translation>Letzter Fehler: {problem}</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="107"/>
        <source>Waiting for the first sync…</source>
        <translation>Warte auf die erste Synchronisation…</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="109"/>
        <source>In sync with pretix</source>
        <translation>Synchron mit pretix</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="112"/>
        <source>Last pull {pull} · last push {push} · {waiting} · {rejected} rejected</source>
        <translation>Zuletzt abgerufen {pull} · zuletzt übertragen {push} · {waiting} · {rejected} abgelehnt</translation>
    </message>
    <message>
        <location filename="../station/pretix_lines.py" line="139"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/pretix_lines.py" line="141"/>
        <source>Connected {event} to {url}: %n ticket(s), lists: {lists}.</source>
        <translation>
            <numerusform>{event} mit {url} verbunden: %n Ticket, Listen: {lists}.</numerusform>
            <numerusform>{event} mit {url} verbunden: %n Tickets, Listen: {lists}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="34"/>
        <source>Connect this host to a live pretix: in pretix, go to Organizer → Devices → Connect a device (limited to the event, security profile “pretixSCAN”), then hold its QR code to this station&apos;s camera, or paste its setup code here.</source>
        <translation>Diese Host-Station mit einem laufenden pretix verbinden: In pretix unter Veranstalter → Geräte → Neues Gerät verbinden (auf die Veranstaltung beschränkt, Sicherheitsprofil „pretixSCAN“), dann den QR-Code des Geräts vor die Kamera dieser Station halten oder seinen Einrichtungscode hier einfügen.</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="37"/>
        <source>This device may see several events. Choose the event to connect:</source>
        <translation>Dieses Gerät darf mehrere Veranstaltungen sehen. Wählen Sie die Veranstaltung, die verbunden werden soll:</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="39"/>
        <source>This event is a series. Choose the date to connect:</source>
        <translation>Diese Veranstaltung ist eine Veranstaltungsreihe. Wählen Sie den Termin, der verbunden werden soll:</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="69"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="88"/>
        <source>Check-in lists:</source>
        <translation>Check-in-Listen:</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="90"/>
        <source>pretix list features this host does not apply:</source>
        <translation>Funktionen der pretix-Liste, die diese Host-Station nicht anwendet:</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="92"/>
        <source>Rejected by pretix (not retried):</source>
        <translation>Von pretix abgelehnt (kein neuer Versuch):</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="111"/>
        <source>pretix sync</source>
        <translation>pretix-Synchronisation</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="115"/>
        <source>Device setup code {&quot;handshake_version&quot;:1,…}, or pretix&apos;s address</source>
        <translation>Einrichtungscode {&quot;handshake_version&quot;:1,…} oder pretix-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="118"/>
        <source>Device token</source>
        <translation>Geräte-Token</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="119"/>
        <source>With pretix&apos;s address: the device&apos;s token, shown beside its QR code in pretix</source>
        <translation>Mit der Adresse von pretix: der Token des Geräts, den pretix neben seinem QR-Code zeigt</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="122"/>
        <location filename="../ui/pretix_view.py" line="134"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="137"/>
        <location filename="../ui/pretix_view.py" line="152"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="149"/>
        <source>Connect to this one</source>
        <translation>Damit verbinden</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="168"/>
        <source>No event is connected to pretix.</source>
        <translation>Noch ist keine Veranstaltung mit pretix verbunden.</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="200"/>
        <source>This pretix device code cannot be used. {reason}</source>
        <translation>Dieser pretix-Gerätecode ist nicht verwendbar. {reason}</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="204"/>
        <source>A connect is under way: scan the code again when it has finished.</source>
        <translation>Eine Verbindung wird gerade hergestellt: Scannen Sie den Code erneut, wenn das abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="208"/>
        <source>Scanned a pretix device code. Connect this host to pretix at {url}?</source>
        <translation>pretix-Gerätecode gescannt. Diese Host-Station mit pretix unter {url} verbinden?</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="238"/>
        <source>Connecting to pretix at {url}…</source>
        <translation>Verbinde mit pretix unter {url}…</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="250"/>
        <source>Not connected: nothing was changed.</source>
        <translation>Nicht verbunden: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="277"/>
        <source>Not supported here: {features}</source>
        <translation>Hier nicht unterstützt: {features}</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="292"/>
        <source>Not connected: {problem}</source>
        <translation>Nicht verbunden: {problem}</translation>
    </message>
    <message>
        <location filename="../ui/pretix_view.py" line="325"/>
        <source>Syncing now…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../ui/pretix_worker.py" line="43"/>
        <source>pretix sync could not start: {problem}</source>
        <translation>Die pretix-Synchronisation konnte nicht starten: {problem}</translation>
    </message>
    <message>
        <location filename="../ui/pretix_worker.py" line="61"/>
        <source>The pretix sync status cannot be read; the station&apos;s log has details.</source>
        <translation>Der Status der pretix-Synchronisation ist nicht lesbar; Einzelheiten stehen im Protokoll der Station.</translation>
    </message>
</context>
<context>
    <name>Refused</name>
    <message>
        <location filename="../ui/overview_view.py" line="38"/>
        <source>already used</source>
        <translation>eingelöst</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="39"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="40"/>
        <source>unpaid</source>
        <translation>unbezahlt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="41"/>
        <source>wrong product</source>
        <translation>falsche Ticketart</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="42"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/overview_view.py" line="43"/>
        <source>not valid now</source>
        <translation>aktuell ungültig</translation>
    </message>
</context>
<context>
    <name>Rejected</name>
    <message>
        <location filename="../station/presenting.py" line="79"/>
        <source>not paid or canceled</source>
        <translation>nicht bezahlt oder storniert</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="80"/>
        <source>unknown ticket (removed or replaced on the host)</source>
        <translation>unbekanntes Ticket (auf der Host-Station entfernt oder ersetzt)</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="81"/>
        <source>not valid at this entrance</source>
        <translation>an diesem Eingang nicht gültig</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="82"/>
        <source>already used</source>
        <translation>bereits eingelöst</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="83"/>
        <source>blocked in pretix</source>
        <translation>in pretix gesperrt</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="84"/>
        <source>not valid at that time</source>
        <translation>zu dem Zeitpunkt nicht gültig</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="85"/>
        <source>refused as invalid by the host</source>
        <translation>von der Host-Station als ungültig abgelehnt</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="86"/>
        <source>the host failed on it several times</source>
        <translation>die Host-Station scheiterte mehrmals daran</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="215"/>
        <source>refused by the host</source>
        <translation>von der Host-Station abgelehnt</translation>
    </message>
</context>
<context>
    <name>Result</name>
    <message>
        <location filename="../station/presenting.py" line="35"/>
        <source>This ticket has been blocked: send the guest to the box office.</source>
        <translation>Dieses Ticket wurde gesperrt: Schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="36"/>
        <source>This ticket is not valid at this time: check the date and time printed on it, or send the guest to the box office.</source>
        <translation>Dieses Ticket ist aktuell nicht gültig: Prüfen Sie Datum und Uhrzeit auf dem Ticket oder schicken Sie den Gast zur Kasse.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="53"/>
        <source>VALID</source>
        <translation>GÜLTIG</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="54"/>
        <source>ALREADY USED</source>
        <translation>BEREITS EINGELÖST</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="55"/>
        <location filename="../station/presenting.py" line="321"/>
        <location filename="../ui/search_view.py" line="116"/>
        <source>UNPAID</source>
        <translation>NICHT BEZAHLT</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="56"/>
        <source>UNKNOWN TICKET</source>
        <translation>UNBEKANNTES TICKET</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="57"/>
        <source>WRONG PRODUCT</source>
        <translation>TICKETART NICHT ERLAUBT</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="58"/>
        <source>NOT CHECKED</source>
        <translation>NICHT GEPRÜFT</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="59"/>
        <source>SETUP CODE NOT USABLE</source>
        <translation>EINRICHTUNGSCODE UNBRAUCHBAR</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="60"/>
        <source>BLOCKED</source>
        <translation>GESPERRT</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="61"/>
        <source>NOT VALID NOW</source>
        <translation>AKTUELL NICHT GÜLTIG</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="62"/>
        <source>PRETIX DEVICE CODE</source>
        <translation>PRETIX-GERÄTECODE</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="89"/>
        <source>(name hidden)</source>
        <translation>(Name verborgen)</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="150"/>
        <source>The host did not answer. Check the network, then scan again.</source>
        <translation>Die Host-Station hat nicht geantwortet. Prüfen Sie das Netzwerk und scannen Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="154"/>
        <source>Checked offline: this ticket is not in this station&apos;s offline copy.</source>
        <translation>Offline geprüft: Dieses Ticket ist nicht in der Offline-Kopie dieser Station.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="193"/>
        <source>First used {time} at this station ({duration} ago)</source>
        <translation>Zuerst eingelöst um {time} an dieser Station (vor {duration})</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="194"/>
        <source>First used {time} at this station</source>
        <translation>Zuerst eingelöst um {time} an dieser Station</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="196"/>
        <source>First used {time} at {station} ({duration} ago)</source>
        <translation>Zuerst eingelöst um {time} an {station} (vor {duration})</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="197"/>
        <source>First used {time} at {station}</source>
        <translation>Zuerst eingelöst um {time} an {station}</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="199"/>
        <source>First used {time} ({duration} ago)</source>
        <translation>Zuerst eingelöst um {time} (vor {duration})</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="200"/>
        <source>First used {time}</source>
        <translation>Zuerst eingelöst um {time}</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="207"/>
        <source>ATTENTION: special ticket, see the notes</source>
        <translation>ACHTUNG: besonderes Ticket, siehe Hinweis</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="208"/>
        <source>ATTENTION: special ticket</source>
        <translation>ACHTUNG: besonderes Ticket</translation>
    </message>
    <message>
        <location filename="../ui/result_view.py" line="171"/>
        <source>Order {code}</source>
        <translation>Bestellung {code}</translation>
    </message>
    <message>
        <location filename="../ui/result_view.py" line="193"/>
        <source>Space: next</source>
        <translation>Leertaste: weiter</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <location filename="../ui/preview.py" line="46"/>
        <location filename="../ui/scan_view.py" line="71"/>
        <source>Starting camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="12"/>
        <source>Hold your ticket&apos;s QR code up to the camera</source>
        <translation>Halten Sie den QR-Code Ihres Tickets vor die Kamera</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="15"/>
        <source>Starting the camera…</source>
        <translation>Die Kamera startet…</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="17"/>
        <source>No camera signal: the camera sends no pictures (a video file has ended).</source>
        <translation>Kein Kamerasignal: Die Kamera sendet keine Bilder (eine Videodatei ist zu Ende).</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="19"/>
        <source>Camera unavailable: check the cable, or choose another camera.</source>
        <translation>Kamera nicht verfügbar: Prüfen Sie das Kabel oder wählen Sie eine andere Kamera.</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="38"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="41"/>
        <source>Choose another camera…</source>
        <translation>Andere Kamera wählen…</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="69"/>
        <source>No camera signal</source>
        <translation>Kein Kamerasignal</translation>
    </message>
    <message>
        <location filename="../ui/scan_view.py" line="70"/>
        <source>Camera unavailable</source>
        <translation>Kamera nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/sounds.py" line="16"/>
        <source>Sound off (settings)</source>
        <translation>Ton aus (Einstellungen)</translation>
    </message>
    <message>
        <location filename="../ui/sounds.py" line="17"/>
        <source>Sound off: no audio output</source>
        <translation>Ton aus: keine Audioausgabe</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../station/presenting.py" line="303"/>
        <source>found by name</source>
        <translation>gefunden über Name</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="304"/>
        <source>found by invoice name</source>
        <translation>gefunden über Rechnungsname</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="305"/>
        <source>found by order code</source>
        <translation>gefunden über Bestellnummer</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="306"/>
        <source>found by ticket code</source>
        <translation>gefunden über Ticket-Code</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="311"/>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="319"/>
        <location filename="../ui/search_view.py" line="116"/>
        <source>CHECKED IN</source>
        <translation>EINGECHECKT</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="323"/>
        <location filename="../ui/search_view.py" line="116"/>
        <source>NOT CHECKED IN</source>
        <translation>NICHT EINGECHECKT</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="44"/>
        <source>Check in by hand</source>
        <translation>Von Hand einchecken</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="50"/>
        <source>Check in</source>
        <translation>Einchecken</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="159"/>
        <source>Find a ticket</source>
        <translation>Ticket suchen</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="162"/>
        <source>Name, order code or ticket code (at least 4 characters)</source>
        <translation>Name, Bestellnummer oder Ticket-Code (mindestens 4 Zeichen)</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="169"/>
        <location filename="../ui/search_view.py" line="232"/>
        <source>Type at least 4 characters.</source>
        <translation>Geben Sie mindestens 4 Zeichen ein.</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="172"/>
        <source>Check in selected (Enter)</source>
        <translation>Auswahl einchecken (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="234"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/search_view.py" line="267"/>
        <source>%n found</source>
        <translation>
            <numerusform>%n gefunden</numerusform>
            <numerusform>%n gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="268"/>
        <source>No ticket found.</source>
        <translation>Kein Ticket gefunden.</translation>
    </message>
    <message>
        <location filename="../ui/search_view.py" line="308"/>
        <source>Check in this ticket?</source>
        <translation>Dieses Ticket einchecken?</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="238"/>
        <source>Search failed.</source>
        <translation>Suche fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <location filename="../selftest.py" line="42"/>
        <source>read {path} (saved); data dir writable</source>
        <translation>{path} gelesen (gespeichert); Datenordner beschreibbar</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="43"/>
        <source>read {path} (defaults); data dir writable</source>
        <translation>{path} gelesen (Standardwerte); Datenordner beschreibbar</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="63"/>
        <source>opened {camera} ({width}x{height})</source>
        <translation>{camera} geöffnet ({width}x{height})</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="68"/>
        <source>{camera} opened but gave no picture within {seconds} s</source>
        <translation>{camera} geöffnet, aber binnen {seconds} s kein Bild geliefert</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="85"/>
        <source>the test image {path} is missing or unreadable</source>
        <translation>das Testbild {path} fehlt oder ist unlesbar</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="95"/>
        <source>{decoder} did not read the test image (got {texts})</source>
        <translation>{decoder} hat das Testbild nicht gelesen (erhalten: {texts})</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="97"/>
        <source>{decoder} read the test image in {ms} ms</source>
        <translation>{decoder} hat das Testbild in {ms} ms gelesen</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="103"/>
        <source>{url} answers: {event} ({list}), {checked} of {total} checked in</source>
        <translation>{url} antwortet: {event} ({list}), {checked} von {total} eingecheckt</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="117"/>
        <source>{problem} ({detail})</source>
        <translation>{problem} ({detail})</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="128"/>
        <source>this station is not set up: scan a setup code, or use --setup or --server/--key</source>
        <translation>diese Station ist nicht eingerichtet: Scannen Sie einen Einrichtungscode oder verwenden Sie --setup oder --server/--key</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="141"/>
        <source>host mode, {status}</source>
        <translation>Host-Modus, {status}</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="157"/>
        <source>the sound {path} is empty</source>
        <translation>der Ton {path} ist leer</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="159"/>
        <source>the sound {path} is missing or not a WAV file ({problem})</source>
        <translation>der Ton {path} fehlt oder ist keine WAV-Datei ({problem})</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="163"/>
        <source>icons missing from {folder}: {names}</source>
        <translation>in {folder} fehlen Symbole: {names}</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="165"/>
        <source>{sounds} sounds and {icons} icons in {folder}</source>
        <translation>{sounds} Töne und {icons} Symbole in {folder}</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="185"/>
        <source>the Qt toolkit cannot load: {problem}</source>
        <translation>das Qt-Toolkit lässt sich nicht laden: {problem}</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="193"/>
        <source>Qt {version} runs, but sound output cannot load: {problem}</source>
        <translation>Qt {version} läuft, aber die Tonausgabe lässt sich nicht laden: {problem}</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="195"/>
        <source>Qt {version}, platform {platform}, sound module loads</source>
        <translation>Qt {version}, Plattform {platform}, Tonmodul lädt</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="200"/>
        <source>settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="201"/>
        <source>camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="202"/>
        <source>decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="203"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="204"/>
        <source>assets</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="205"/>
        <source>qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="235"/>
        <source>unexpected {kind}: {problem} (details in the log)</source>
        <translation>unerwarteter Fehler {kind}: {problem} (Einzelheiten im Protokoll)</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="240"/>
        <source>Self-test FAILED: {failed} of {checks} checks</source>
        <translation>Selbsttest FEHLGESCHLAGEN: {failed} von {checks} Prüfungen</translation>
    </message>
    <message>
        <location filename="../selftest.py" line="243"/>
        <source>Self-test passed</source>
        <translation>Selbsttest bestanden</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../ui/settings_dialog.py" line="36"/>
        <source>Videos and pictures (*.avi *.mp4 *.mkv *.mov *.webm);;All files (*)</source>
        <translation>Videos und Bilder (*.avi *.mp4 *.mkv *.mov *.webm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="51"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="82"/>
        <source>a camera, a video file, or rtsp://… / http://…</source>
        <translation>eine Kamera, eine Videodatei oder rtsp://… / http://…</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="83"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="103"/>
        <source>Use a video file as the camera</source>
        <translation>Videodatei als Kamera verwenden</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="114"/>
        <source>Choose a camera</source>
        <translation>Kamera wählen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="120"/>
        <source>A camera, a video file, or a stream address:</source>
        <translation>Eine Kamera, eine Videodatei oder eine Stream-Adresse:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="139"/>
        <source>Station settings</source>
        <translation>Stationseinstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="146"/>
        <source>Play a sound for each result</source>
        <translation>Zu jedem Ergebnis einen Ton abspielen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="148"/>
        <source>Hide attendee names</source>
        <translation>Namen der Teilnehmenden verbergen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="152"/>
        <source>A new language is used from the station&apos;s next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start der Station.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="156"/>
        <source>A staff PIN is set.</source>
        <translation>Eine Personal-PIN ist festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="157"/>
        <source>No staff PIN is set: in full screen anyone can open the staff panels.</source>
        <translation>Keine Personal-PIN festgelegt: Im Vollbild kann jede Person die Personal-Ansichten öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="161"/>
        <source>4–12 digits; leave empty to keep</source>
        <translation>4–12 Ziffern; leer lassen, um sie zu behalten</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="161"/>
        <source>4–12 digits</source>
        <translation>4–12 Ziffern</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="164"/>
        <source>the new PIN once more</source>
        <translation>die neue PIN noch einmal</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="165"/>
        <source>Remove the staff PIN</source>
        <translation>Personal-PIN entfernen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="168"/>
        <source>Not set up</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="171"/>
        <source>Set up again…</source>
        <translation>Neu einrichten…</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="172"/>
        <source>Open the setup screen: scan or paste another setup code, or host here</source>
        <translation>Einrichtung öffnen: einen anderen Einrichtungscode scannen oder einfügen, oder hier bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="182"/>
        <source>How often this host asks pretix for changes (uploads go at once)</source>
        <translation>Wie oft diese Host-Station pretix nach Änderungen fragt (Übertragungen gehen sofort)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="193"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="194"/>
        <source>Result shown for</source>
        <translation>Ergebnis anzeigen für</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="197"/>
        <source>Station name</source>
        <translation>Name der Station</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="198"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="200"/>
        <source>Staff PIN</source>
        <translation>Personal-PIN</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="201"/>
        <source>New staff PIN</source>
        <translation>Neue Personal-PIN</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="202"/>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="204"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="206"/>
        <source>Sync with pretix every</source>
        <translation>Mit pretix synchronisieren alle</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="228"/>
        <source>The staff PIN must be 4 to 12 digits.</source>
        <translation>Die Personal-PIN muss aus 4 bis 12 Ziffern bestehen.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="231"/>
        <source>The two PINs differ: type the new PIN twice, the same both times.</source>
        <translation>Die beiden PINs unterscheiden sich: Geben Sie die neue PIN zweimal gleich ein.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="236"/>
        <source>Choose a camera.</source>
        <translation>Wählen Sie eine Kamera.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="239"/>
        <source>Give the station a name (it appears in the journal).</source>
        <translation>Geben Sie der Station einen Namen (er erscheint im Journal).</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../scanning/codes.py" line="181"/>
        <source>This setup code has version {version}; this station understands versions 2 and 3. Create a new station code on the host.</source>
        <translation>Dieser Einrichtungscode hat Version {version}; diese Station versteht die Versionen 2 und 3. Erstellen Sie auf der Host-Station einen neuen Stationscode.</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="186"/>
        <source>This setup code has no valid server address (it must start with http:// or https://).</source>
        <translation>Dieser Einrichtungscode hat keine gültige Serveradresse (sie muss mit http:// oder https:// beginnen).</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="190"/>
        <source>This setup code has no station key.</source>
        <translation>Dieser Einrichtungscode hat keinen Stationsschlüssel.</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="195"/>
        <source>This setup code has an invalid {name} value.</source>
        <translation>Dieser Einrichtungscode hat einen ungültigen Wert für {name}.</translation>
    </message>
    <message>
        <location filename="../scanning/codes.py" line="205"/>
        <source>This setup code has an invalid certificate fingerprint (cert_sha256 must be 64 hex digits). Create a new station code on the host.</source>
        <translation>Dieser Einrichtungscode hat einen ungültigen Zertifikats-Fingerabdruck (cert_sha256 muss aus 64 Hex-Ziffern bestehen). Erstellen Sie auf dem Host einen neuen Stationscode.</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="21"/>
        <source>Station setup code scanned</source>
        <translation>Einrichtungscode für Stationen gescannt</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="33"/>
        <location filename="../ui/confirm_view.py" line="64"/>
        <source>Set up (Enter)</source>
        <translation>Einrichten (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="36"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="54"/>
        <source>Set this station up for
{url} ?</source>
        <translation>Diese Station einrichten für
{url} ?</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="55"/>
        <source>name search allowed</source>
        <translation>Namenssuche erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="56"/>
        <source>search by code only</source>
        <translation>Suche nur nach Code</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="57"/>
        <source>event info shown</source>
        <translation>Veranstaltungsinfos sichtbar</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="57"/>
        <source>event info hidden</source>
        <translation>Veranstaltungsinfos verborgen</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="59"/>
        <source>staff PIN required</source>
        <translation>Personal-PIN nötig</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="63"/>
        <source>Try again (Enter)</source>
        <translation>Erneut versuchen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="67"/>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <location filename="../ui/confirm_view.py" line="71"/>
        <source>The station keeps its current setup.</source>
        <translation>Die Station behält ihre bisherige Einrichtung.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="34"/>
        <source>Set up this check-in station</source>
        <translation>Diese Check-in-Station einrichten</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="41"/>
        <source>Hold the setup QR code (shown by the host station under “Add a station”) up to the camera…</source>
        <translation>Halten Sie den Einrichtungs-QR-Code (von der Host-Station unter „Station hinzufügen“ angezeigt) vor die Kamera…</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="54"/>
        <source>Connect with this setup code</source>
        <translation>Mit diesem Einrichtungscode verbinden</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="59"/>
        <source>…or paste the setup code (JSON):</source>
        <translation>…oder den Einrichtungscode (JSON) einfügen:</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="62"/>
        <source>Paste code</source>
        <translation>Code einfügen</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="68"/>
        <source>32 characters</source>
        <translation>32 Zeichen</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="70"/>
        <source>https only: 64 hex digits (the host panel shows them)</source>
        <translation>nur bei https: 64 Hex-Ziffern (der Host-Bereich zeigt sie)</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="71"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="83"/>
        <source>The same as on the host: connect</source>
        <translation>Gleich wie auf dem Host: verbinden</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="89"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="90"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="91"/>
        <source>Certificate (SHA-256)</source>
        <translation>Zertifikat (SHA-256)</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="93"/>
        <source>URL and key</source>
        <translation>URL und Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="97"/>
        <source>This station keeps the event&apos;s tickets itself; other stations connect to it. You can import an event file or load demo data next.</source>
        <translation>Diese Station hält die Tickets der Veranstaltung selbst; andere Stationen verbinden sich mit ihr. Als Nächstes können Sie eine Veranstaltungsdatei importieren oder Demodaten laden.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="100"/>
        <source>Host this event on this station</source>
        <translation>Veranstaltung auf dieser Station bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="106"/>
        <source>Host here</source>
        <translation>Hier bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="136"/>
        <source>Starting this check-in station…</source>
        <translation>Diese Check-in-Station startet…</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="147"/>
        <source>{problem}. Copy the whole code, including the braces.</source>
        <translation>{problem}. Kopieren Sie den ganzen Code samt geschweiften Klammern.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="160"/>
        <source>The server URL must start with http:// or https://, for example http://192.168.1.10:8000/pretixdroid/api/ORG/EVENT/</source>
        <translation>Die Server-URL muss mit http:// oder https:// beginnen, zum Beispiel http://192.168.1.10:8000/pretixdroid/api/ORG/EVENT/</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="163"/>
        <source>Enter the server URL.</source>
        <translation>Geben Sie die Server-URL ein.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="165"/>
        <source>Enter the key.</source>
        <translation>Geben Sie den Schlüssel ein.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="170"/>
        <source>The key must be printable ASCII without spaces (at most 256 characters).</source>
        <translation>Der Schlüssel darf nur druckbare ASCII-Zeichen ohne Leerzeichen enthalten (höchstens 256 Zeichen).</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="174"/>
        <source>The certificate fingerprint must be 64 hex digits (pairs with colons are fine too).</source>
        <translation>Der Fingerabdruck des Zertifikats muss aus 64 Hex-Ziffern bestehen (Paare mit Doppelpunkten gehen auch).</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="177"/>
        <source>Only an https:// server URL has a certificate fingerprint.</source>
        <translation>Nur eine https://-Serveradresse hat einen Zertifikats-Fingerabdruck.</translation>
    </message>
    <message>
        <location filename="../ui/setup_view.py" line="194"/>
        <source>The host presents this certificate (SHA-256):
{fingerprint}
Compare it with the “Certificate fingerprint” in the host&apos;s panel (F6 on the host station). Connect only if every group is the same.</source>
        <translation>Der Host zeigt dieses Zertifikat (SHA-256):
{fingerprint}
Vergleichen Sie es mit dem „Fingerabdruck des Zertifikats“ im Host-Bereich (F6 auf der Host-Station). Verbinden Sie nur, wenn jede Gruppe gleich ist.</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="202"/>
        <source>Nothing was changed. {reason}</source>
        <translation>Es wurde nichts geändert. {reason}</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="203"/>
        <source>This setup code cannot be used. {reason}</source>
        <translation>Dieser Einrichtungscode ist nicht verwendbar. {reason}</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="259"/>
        <source>This station could not reach its own host server: {message}</source>
        <translation>Diese Station konnte ihren eigenen Host-Server nicht erreichen: {message}</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="403"/>
        <source>Testing the connection to {url} …</source>
        <translation>Verbindung zu {url} wird getestet …</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="405"/>
        <source>{problem} Nothing was saved.</source>
        <translation>{problem} Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../options.py" line="88"/>
        <source>the setup code is not valid JSON ({problem} at character {position})</source>
        <translation>der Einrichtungscode ist kein gültiges JSON ({problem} bei Zeichen {position})</translation>
    </message>
    <message>
        <location filename="../options.py" line="91"/>
        <source>the setup code must be a JSON object with version, url and key</source>
        <translation>der Einrichtungscode muss ein JSON-Objekt mit version, url und key sein</translation>
    </message>
    <message>
        <location filename="../options.py" line="94"/>
        <source>the setup code lacks {names}</source>
        <translation>dem Einrichtungscode fehlt {names}</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../ui/staff.py" line="103"/>
        <source>Staff PIN to search tickets:</source>
        <translation>Personal-PIN, um Tickets zu suchen:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="104"/>
        <source>Staff PIN to see the status:</source>
        <translation>Personal-PIN, um den Status zu sehen:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="105"/>
        <source>Staff PIN to manage hosting:</source>
        <translation>Personal-PIN, um die Host-Station zu verwalten:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="116"/>
        <source>Staff PIN to change settings:</source>
        <translation>Personal-PIN, um Einstellungen zu ändern:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="136"/>
        <source>Staff PIN to change the camera:</source>
        <translation>Personal-PIN, um die Kamera zu wechseln:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="159"/>
        <source>Staff PIN to change name privacy:</source>
        <translation>Personal-PIN, um die Namensanzeige zu ändern:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="167"/>
        <source>Staff PIN to leave full screen:</source>
        <translation>Personal-PIN, um das Vollbild zu verlassen:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="186"/>
        <source>Staff PIN to close the station:</source>
        <translation>Personal-PIN, um die Station zu schließen:</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="220"/>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="220"/>
        <source>not set up</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="223"/>
        <source>{address} (hosting)</source>
        <translation>{address} (Host-Station)</translation>
    </message>
    <message>
        <location filename="../ui/staff.py" line="225"/>
        <source>{address} · not encrypted</source>
        <translation>{address} · nicht verschlüsselt</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="220"/>
        <source>Staff PIN to connect this host to pretix:</source>
        <translation>Personal-PIN, um diese Host-Station mit pretix zu verbinden:</translation>
    </message>
    <message>
        <location filename="../ui/station.py" line="437"/>
        <source>Staff PIN to set this station up:</source>
        <translation>Personal-PIN, um diese Station einzurichten:</translation>
    </message>
</context>
<context>
    <name>StaffBar</name>
    <message>
        <location filename="../ui/staff_bar.py" line="22"/>
        <source>☰ Staff</source>
        <translation>☰ Personal</translation>
    </message>
    <message>
        <location filename="../ui/staff_bar.py" line="23"/>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/staff_bar.py" line="23"/>
        <source>No PIN</source>
        <translation>Keine PIN</translation>
    </message>
    <message>
        <location filename="../ui/staff_bar.py" line="116"/>
        <source>Staff actions that do not fit the window&apos;s width</source>
        <translation>Personal-Aktionen, die nicht in die Fensterbreite passen</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <location filename="../ui/station.py" line="53"/>
        <source>This is a pretix device code: scan it at the host (the station that hosts the event). Nothing was checked in.</source>
        <translation>Das ist ein pretix-Gerätecode: Scannen Sie ihn an der Host-Station (der Station, die die Veranstaltung bereitstellt). Es wurde nichts eingecheckt.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../offline/gate.py" line="324"/>
        <location filename="../ui/status_view.py" line="34"/>
        <source>Counts from this station&apos;s offline copy.</source>
        <translation>Zahlen aus der Offline-Kopie dieser Station.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="363"/>
        <source>Other products (not people)</source>
        <translation>Andere Produkte (keine Personen)</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="366"/>
        <source>Automatic: the host decides; when it does not answer, this station&apos;s copy does (sent later).</source>
        <translation>Automatisch: Die Host-Station entscheidet; antwortet sie nicht, entscheidet die Kopie dieser Station (wird später gesendet).</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="368"/>
        <source>Always online: only the host decides; while it does not answer, no one is admitted.</source>
        <translation>Immer online: Nur die Host-Station entscheidet; solange sie nicht antwortet, wird niemand eingelassen.</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="370"/>
        <source>Force offline: only this station&apos;s copy decides; check-ins are sent after switching back.</source>
        <translation>Offline erzwingen: Nur die Kopie dieser Station entscheidet; Check-ins werden nach dem Zurückschalten gesendet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/presenting.py" line="403"/>
        <source>{checked} of {total} checked in</source>
        <translation>
            <numerusform>{checked} von {total} eingecheckt</numerusform>
            <numerusform>{checked} von {total} eingecheckt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="413"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location filename="../station/presenting.py" line="416"/>
        <source>{event} — list {list}</source>
        <translation>{event} — Liste {list}</translation>
    </message>
    <message numerus="yes">
        <location filename="../station/presenting.py" line="425"/>
        <source>{checked} of {total} people checked in</source>
        <translation>
            <numerusform>{checked} von {total} Person eingecheckt</numerusform>
            <numerusform>{checked} von {total} Personen eingecheckt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="32"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="32"/>
        <source>Always online</source>
        <translation>Immer online</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="33"/>
        <source>Force offline</source>
        <translation>Offline erzwingen</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="56"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="71"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="71"/>
        <source>Checked in / total</source>
        <translation>Eingecheckt / gesamt</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="80"/>
        <source>This station&apos;s key does not show event information.</source>
        <translation>Der Schlüssel dieser Station zeigt keine Veranstaltungsinfos.</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="84"/>
        <source>Host connection:</source>
        <translation>Verbindung zur Host-Station:</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="95"/>
        <source>Offline check-ins the host refused</source>
        <translation>Offline-Check-ins, die die Host-Station abgelehnt hat</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="98"/>
        <source>Acknowledge</source>
        <translation>Zur Kenntnis genommen</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="100"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="168"/>
        <source>Updated {time} · refreshes every 30 s</source>
        <translation>Stand {time} · aktualisiert alle 30 s</translation>
    </message>
    <message>
        <location filename="../ui/status_view.py" line="187"/>
        <source>{who}: {reason} (scanned {time} UTC)</source>
        <translation>{who}: {reason} (gescannt {time} UTC)</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../ui/main_window.py" line="41"/>
        <source>Check-in station</source>
        <translation>Check-in-Station</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="111"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="112"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="113"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="114"/>
        <source>Hide names</source>
        <translation>Namen verbergen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="116"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="117"/>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
</context>
</TS>
