package io.hazardwatch.notify.dispatch;

/** What a dispatch message does to the incident on the receiving side, and its CAP 1.2 msgType. */
public enum DispatchAction {
    TRIGGER("trigger", "Alert"),
    UPDATE("update", "Update"),
    RESOLVE("resolve", "Cancel");

    private final String wire;
    private final String capMsgType;

    DispatchAction(String wire, String capMsgType) {
        this.wire = wire;
        this.capMsgType = capMsgType;
    }

    public String wire() {
        return wire;
    }

    public String capMsgType() {
        return capMsgType;
    }
}
