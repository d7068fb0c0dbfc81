package io.hazardwatch.notify.im;

import io.hazardwatch.notify.Notification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The interactive cards of the IM robots, for a message that carries an acknowledge link: a button that opens the
 * link. Group robots cannot take a button's callback without an app behind them, so every card's button is a
 * plain URL (WeCom {@code card_action}/{@code jump_list}, DingTalk {@code singleURL}, Feishu a button's {@code url}).
 */
final class RobotCards {

    /** WeCom's text_notice card: main title ≤ 26 characters, sub title text ≤ 112 (its docs' recommendations). */
    private static final int WECOM_TITLE = 26;
    private static final int WECOM_SUB_TITLE = 112;

    private RobotCards() {
    }

    /** WeCom {@code template_card} of type {@code text_notice}: the card opens the link, as does its one jump. */
    static JsonObject wecom(Notification n) {
        Notification.Link link = n.link();
        return new JsonObject().put("msgtype", "template_card").put("template_card", new JsonObject()
                .put("card_type", "text_notice")
                .put("main_title", new JsonObject().put("title", clip(RobotText.title(n), WECOM_TITLE)))
                .put("sub_title_text", clip(nullToEmpty(n.body()), WECOM_SUB_TITLE))
                .put("jump_list", new JsonArray().add(new JsonObject().put("type", 1).put("url", link.url())
                        .put("title", link.label())))
                .put("card_action", new JsonObject().put("type", 1).put("url", link.url())));
    }

    /** DingTalk {@code actionCard} with one button ({@code singleTitle}/{@code singleURL}). */
    static JsonObject dingtalk(Notification n) {
        return new JsonObject().put("msgtype", "actionCard").put("actionCard", new JsonObject()
                .put("title", RobotText.title(n))
                .put("text", RobotText.cut("### " + RobotText.title(n) + "\n" + nullToEmpty(n.body()), 20000))
                .put("btnOrientation", "0")
                .put("singleTitle", n.link().label())
                .put("singleURL", n.link().url()));
    }

    /** Feishu {@code interactive} card: a header in the level's colour, the text, one button with the link. */
    static JsonObject feishu(Notification n) {
        JsonObject button = new JsonObject().put("tag", "button").put("type", "primary")
                .put("text", new JsonObject().put("tag", "plain_text").put("content", n.link().label()))
                .put("url", n.link().url());
        return new JsonObject().put("msg_type", "interactive").put("card", new JsonObject()
                .put("config", new JsonObject().put("wide_screen_mode", true))
                .put("header", new JsonObject()
                        .put("title", new JsonObject().put("tag", "plain_text").put("content", RobotText.title(n)))
                        .put("template", n.level() == io.hazardwatch.model.AlarmLevel.SECOND ? "red" : "orange"))
                .put("elements", new JsonArray()
                        .add(new JsonObject().put("tag", "div").put("text", new JsonObject().put("tag", "plain_text")
                                .put("content", RobotText.cut(nullToEmpty(n.body()), 20000))))
                        .add(new JsonObject().put("tag", "action").put("actions", new JsonArray().add(button)))));
    }

    /** At most {@code max} characters (code points), with an ellipsis when cut. */
    static String clip(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
