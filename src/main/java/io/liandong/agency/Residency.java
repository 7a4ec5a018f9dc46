package io.liandong.agency;

/** 进驻方式: how a member agency is present in the hall. */
public enum Residency {
    /** 常驻: a representative sits in the hall at all times. */
    PERMANENT,
    /** 临驻: comes into the hall when called for. */
    ON_CALL,
    /** 季节性入驻: sits in the hall during its season windows (flood season, heating season). */
    SEASONAL
}
