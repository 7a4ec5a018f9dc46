/**
 * Dispatch: tasks (联动任务) that agencies carry out for an incident, their steps (签收, 到场,
 * 反馈, 办结, 退单), their deadlines, and what happens when a deadline passes (催办, 督办).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch")
package io.liandong.dispatch;
