package io.hazardwatch.alerts.commitment;

/** The eight special operations of GB 30871 (危险化学品企业特殊作业安全规范) that a unit may have under way. */
public enum SpecialWork {
    HOT_WORK,
    CONFINED_SPACE,
    LIFTING,
    BLIND_PLATE,
    WORK_AT_HEIGHT,
    TEMPORARY_POWER,
    EXCAVATION,
    ROAD_CLOSURE
}
