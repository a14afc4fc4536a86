"""The lab's words come from the catalogues, in both languages: every key of the lab's texts is in
English and in Chinese, and a difference reads the same in the report as phase 1 wrote it."""

from tcptui.core.states import Side, State
from tcptui.lab.differ import Difference
from tcptui.text import en, zh

LAB_KEYS = ("lab.", "home.lab", "key.wait", "help.wait", "key.stop_wait", "help.stop_wait", "key.lab_", "help.lab_")


def test_every_lab_text_is_in_both_catalogues():
    english = {key for key in en.UI if key.startswith(LAB_KEYS)}
    chinese = {key for key in zh.UI if key.startswith(LAB_KEYS)}
    assert english == chinese
    assert len(english) > 50


def test_differences_in_both_languages():
    call = Difference("call", Side.CLIENT, "send", "EAGAIN", "accepts", "app.send-queued")
    assert str(call) == "client send: kernel answers EAGAIN, engine accepts it (app.send-queued)"
    assert call.text("zh") == "客户端 send：内核回答 EAGAIN，引擎接受这个调用（app.send-queued）"
    state = Difference("state", Side.SERVER, "", State.CLOSED, State.SYN_RCVD, None)
    assert str(state) == "server state: kernel CLOSED, engine SYN_RCVD"
    sends = Difference("sends", Side.SERVER, "", (), ("SYN+ACK seq=y ack=x+1",), None)
    assert str(sends) == "server sends: kernel nothing, engine SYN+ACK seq=y ack=x+1"
    assert sends.text("zh") == "服务器发送：内核 什么也没发，引擎 SYN+ACK seq=y ack=x+1"
