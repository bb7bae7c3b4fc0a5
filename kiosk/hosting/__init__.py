"""Host mode: the station serving the pretixdroid API to other stations (``service.HostService``)."""
