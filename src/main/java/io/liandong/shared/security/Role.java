package io.liandong.shared.security;

/** The people who use the center, as in DESIGN.md section 4; each limited to what it needs. */
public enum Role {
    /** 接警员: takes reports, files them, sees open incidents. */
    CALL_TAKER,
    /** 指挥长: issues every order, dispatches agencies, closes incidents. */
    COMMANDER,
    /** 值班领导: is told of serious incidents, may take command. */
    LEADER,
    /** 联动单位驻厅代表: the agency's representative in the hall; works its agency's tasks. */
    AGENCY_REP,
    /** 联动单位办事员: works its agency's tasks from the agency. */
    AGENCY_CLERK,
    /** 分析员: statistics and assessment, read only. */
    ANALYST,
    /** 系统管理员: configuration, users, and anything else. */
    ADMIN;

    /** Spring Security authority name for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
