package io.liandong.dispatch;

/** A step an agency takes on its task (cancel is the commander's, through closing the incident). */
public enum TaskStep {
    ACKNOWLEDGE("acknowledge", "TASK_ACKNOWLEDGED"),
    ARRIVE("arrive at", "TASK_ARRIVED"),
    REPORT_BACK("report back on", "TASK_REPORTED_BACK"),
    COMPLETE("complete", "TASK_COMPLETED"),
    RETURN("return", "TASK_RETURNED"),
    CANCEL("cancel", "TASK_CANCELLED");

    private final String verb;
    private final String recordType;

    TaskStep(String verb, String recordType) {
        this.verb = verb;
        this.recordType = recordType;
    }

    public String verb() {
        return verb;
    }

    /** The type of the record entry this step writes. */
    public String recordType() {
        return recordType;
    }
}
