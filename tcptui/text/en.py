"""English catalogue: one or two sentences explaining each rule id of tcptui.core.rules, and UI strings."""

RULES = {
    # -- segment arrives: CLOSED ----------------------------------------------------------------
    "closed.rst-ignored": "A RST reached a host that has no connection for it. There is nothing to reset, and a RST is "
    "never answered (two hosts could otherwise trade RSTs forever), so it is silently dropped.",
    "rst.no-listener": "A SYN reached a port where nobody listens: the host refuses it with RST+ACK (ack = SEG.SEQ+1) "
    "and connect() fails with 'connection refused'. Some hosts stay silent instead, so port "
    "scanners learn less.",
    "rst.no-connection": "A segment arrived for a connection this host has no record of (it restarted, or the "
    "connection is long gone). It answers RST, numbered from the segment itself (e.g. SEQ = SEG.ACK), "
    "so the sender accepts it and drops its stale connection.",
    # -- LISTEN -------------------------------------------------------------------------------------
    "listen.rst-ignored": "The notes say any RST closes the connection, but a listener has no connection to close: it "
    "simply ignores the RST and keeps listening.",
    "rst.listen-unknown": "Data (or a FIN) reached a host that only listens: it belongs to a connection this host has no record of — typically the server restarted while the client kept its connection. The answer is RST (SEQ = SEG.ACK), and the client's connection ends.",
    "rst.listen-ack": "A listener got a segment carrying an ACK, yet it has sent nothing this could acknowledge, e.g. "
    "the handshake's last ACK arriving after the server gave up. It answers RST (SEQ = SEG.ACK) so "
    "the sender learns the connection is gone.",
    "handshake.syn-received": "The listener takes the SYN: it records the client's ISN x (RCV.NXT = x+1), picks its own "
    "ISN y, answers SYN+ACK (seq=y, ack=x+1) and waits in SYN_RCVD for the final ACK.",
    "listen.drop-other": "A listener only reacts to SYN (and answers anything carrying an ACK with RST). This segment "
    "has neither SYN, ACK nor RST, e.g. a bare FIN, so it is quietly dropped.",
    # -- SYN_SENT -----------------------------------------------------------------------------------
    "synsent.bad-ack": "In SYN_SENT an ACK arrived that does not acknowledge our SYN (that would be ISS+1), e.g. the "
    "old connection's last ACK from a peer in TIME_WAIT. TCP answers RST (SEQ = SEG.ACK) and keeps "
    "waiting; Linux also re-sends its SYN at once.",
    "synsent.rst-bad-ack": "The notes say every RST means CLOSED, but in SYN_SENT a RST counts only if its ACK "
    "acknowledges our SYN. This one acknowledges something else, so it is dropped (a RST is "
    "never answered).",
    "rst.refused": "A RST whose ACK acknowledges our SYN: the other host has no listener on that port. SYN_SENT goes "
    "to CLOSED and connect() reports 'connection refused'.",
    "synsent.rst-ignored": "The notes say any RST closes the connection, but in SYN_SENT a RST without an ACK of our "
    "SYN proves nothing (anyone could send it), so it is ignored and we keep waiting for "
    "SYN+ACK.",
    "handshake.synack": "The SYN+ACK acknowledges our SYN (ack=x+1). The client records the server's ISN y, sends the "
    "third segment, ACK (ack=y+1), and enters ESTABLISHED.",
    "handshake.simultaneous-open": "Both sides sent a SYN at the same time, so SYN_SENT receives a bare SYN. It answers "
    "SYN+ACK and moves to SYN_RCVD; once each side's SYN is acknowledged, both reach "
    "ESTABLISHED.",
    "synsent.drop-other": "In SYN_SENT only the peer's SYN (or a RST) moves things on. This segment has neither, so "
    "TCP still does not know the peer's ISN and simply drops it.",
    # -- the other states: sequence number, RST, SYN --------------------------------------------------
    "seq.old-duplicate": "The whole segment lies before RCV.NXT: those bytes arrived already, so this is an old "
    "duplicate. TCP drops it and sends an ACK with RCV.NXT so the sender sees where the receiver "
    "really is.",
    "seq.out-of-window": "The segment's sequence number falls outside the receive window (RCV.NXT up to "
    "RCV.NXT+RCV.WND), so it cannot belong here. TCP drops it and answers with an ACK showing "
    "RCV.NXT.",
    "rst.out-of-window": "The notes say a RST closes any connection, but this RST's SEG.SEQ lies outside the receive "
    "window, so it is stale or forged. It is silently dropped and the connection carries on.",
    "rst.challenge-ack": "The notes say a RST always closes the connection, but a RST inside the window and not exactly "
    "at RCV.NXT only draws a challenge ACK. The real peer then resets with the exact number; a "
    "blind attacker cannot.",
    "rst.synrcvd-passive": "The notes say RST means CLOSED, but this half-open connection came from a listener: only it "
    "is dropped, and the socket goes back to LISTEN to serve other clients.",
    "rst.synrcvd-active": "This SYN_RCVD came from a simultaneous open, with no listener behind it. An exact RST means "
    "the peer refuses: the connection goes to CLOSED and the application hears 'connection "
    "refused'.",
    "rst.reset": "A RST with SEG.SEQ exactly at RCV.NXT: the peer really reset the connection. It goes straight to "
    "CLOSED, unsent and unread data is thrown away, and the application hears 'connection reset'.",
    "rst.closing": "Even while closing (CLOSING or LAST_ACK), an exact RST ends the connection at once: no more waiting "
    "for the ACK of our FIN, straight to CLOSED.",
    "synrcvd.syn-retransmit": "The client's SYN arrived again with the same ISN, so our SYN+ACK was probably lost. "
    "SYN_RCVD simply sends its SYN+ACK again.",
    "synrcvd.syn-passive": "A SYN inside the window reached a half-open connection that came from a listener: the "
    "handshake has gone wrong. The connection is dropped without a reply and the socket "
    "returns to LISTEN.",
    "syn.challenge-ack": "A SYN reached an already synchronized connection; since it may be forged, TCP does not reset "
    "but replies with a challenge ACK carrying its current numbers. A peer that truly restarted "
    "answers it with RST, then retries.",
    # -- ACK ------------------------------------------------------------------------------------------
    "ack.missing": "After the handshake every segment must carry the ACK bit. This one does not, so it is dropped.",
    "handshake.ack": "The ACK (ack=y+1) acknowledges our SYN+ACK: the third step of the handshake. SYN_RCVD becomes "
    "ESTABLISHED and data may flow both ways.",
    "handshake.simultaneous-ack": "In a simultaneous open, the peer's SYN+ACK repeats its SYN and acknowledges ours. "
    "Both SYNs are now acknowledged, so SYN_RCVD goes straight to ESTABLISHED.",
    "synrcvd.bad-ack": "In SYN_RCVD an ACK arrived that does not acknowledge our SYN+ACK, so it belongs to some other, "
    "older connection. TCP answers RST (SEQ = SEG.ACK) and keeps waiting for the right ACK.",
    "ack.future": "SEG.ACK acknowledges bytes this side never sent (beyond SND.NXT). TCP drops the segment and replies "
    "with an ACK showing its real numbers.",
    "ack.too-old": "SEG.ACK is far behind SND.UNA, more than a window old: a stale or forged segment. TCP does not "
    "trust it: it drops the segment and replies with an ACK.",
    "ack.accept": "The ACK covers new bytes: SND.UNA moves up to SEG.ACK. The peer surely has those bytes, so they "
    "never need retransmitting.",
    "ack.duplicate": "This ACK acknowledges nothing new (SEG.ACK is SND.UNA or older): a duplicate. Its ACK field "
    "changes nothing; any data or FIN it carries is still processed.",
    "close.fin-acked": "The ACK covers our FIN: FIN_WAIT_1 becomes FIN_WAIT_2. Our sending direction is closed; we "
    "keep receiving the peer's data until its FIN arrives.",
    "close.fin-not-acked": "This ACK covers earlier bytes but not yet our FIN (SEG.ACK < SND.NXT), so the endpoint "
    "stays in FIN_WAIT_1, still waiting.",
    "close.closing-acked": "After the FINs crossed, the ACK of our FIN arrives: CLOSING becomes TIME_WAIT. We sent the "
    "last ACK for the peer's FIN, so we must wait 2MSL in case it is lost.",
    "close.last-ack": "The ACK of our FIN, the last segment of the four-way close: LAST_ACK becomes CLOSED. The passive "
    "closer is done at once; only the active closer waits in TIME_WAIT.",
    # -- text and FIN ---------------------------------------------------------------------------------
    "data.accept": "In-order data (SEG.SEQ = RCV.NXT): TCP hands it to the application, moves RCV.NXT past it and "
    "ACKs the new RCV.NXT.",
    "data.accept-half-closed": "Our FIN only closed our own sending direction. The peer may still send (half-close), "
    "so its data is received and ACKed as usual.",
    "data.out-of-order": "This data starts beyond RCV.NXT: an earlier segment is missing. TCP ACKs RCV.NXT to show the "
    "gap; real stacks usually keep the early bytes, this game drops them and the sender "
    "retransmits.",
    "data.after-close": "The notes let the closer keep receiving, which is true after shutdown(). But this application "
    "called close() and will read nothing more, so new data cannot be delivered: TCP answers RST "
    "and drops the connection.",
    "data.after-fin": "Data arrived after the peer's FIN, which promised there would be no more. A correct peer cannot "
    "send it, so the bytes are ignored.",
    "data.late-accepted": "A delayed segment of an earlier connection on the same ports landed inside the new "
    "connection's window and was taken as new data: silent corruption. Preventing exactly this "
    "is TIME_WAIT's first job.",
    "close.fin-received": "The peer's FIN: it has nothing more to send. TCP ACKs it (the FIN uses one sequence number, "
    "so ack = its seq+1) and enters CLOSE_WAIT; this side may still send until its application "
    "closes.",
    "close.fin-ack-shortcut": "One segment carried both the ACK of our FIN and the peer's FIN. FIN_WAIT_1 skips "
    "FIN_WAIT_2, ACKs the FIN and goes straight to TIME_WAIT.",
    "close.simultaneous": "The peer's FIN arrived while our own FIN is still unacknowledged: both sides closed at once. "
    "We ACK the peer's FIN and enter CLOSING to wait for the ACK of ours.",
    "close.fin-wait-2-fin": "In FIN_WAIT_2 the peer's FIN arrives. We send the last ACK of the four-way close and enter "
    "TIME_WAIT, waiting 2MSL in case that ACK is lost.",
    # -- TIME_WAIT ------------------------------------------------------------------------------------
    "timewait.fin-reack": "The peer's FIN came again, so our last ACK must have been lost. TIME_WAIT is still here to "
    "ACK it once more (and restart its 2MSL wait), letting the peer close cleanly.",
    "timewait.late-segment": "A late segment of the old connection reached TIME_WAIT. It dies here, answered with an "
    "ACK, instead of being mistaken for data of a new connection on the same ports.",
    "timewait.ack": "A plain ACK reached TIME_WAIT. There is nothing left to acknowledge or deliver, so it is ignored "
    "while the 2MSL wait runs on.",
    "timewait.syn-reuse": "A SYN reached a socket still in TIME_WAIT. It answers with the old connection's last ACK; "
    "the SYN's sender sees an ACK that does not match its SYN, sends RST, and retries.",
    "timewait.syn-accept-newer": "The notes describe an ACK/RST dance here. Linux skips it when the new SYN's sequence "
    "number (or timestamp) is newer than the old connection's: no old segment can be "
    "confused, so TIME_WAIT ends and the listener answers SYN+ACK.",
    "timewait.rst": "A RST at exactly RCV.NXT reached TIME_WAIT, typically the one a reconnecting client sends after our old ACK: TIME_WAIT ends early and the ports are free for the retried SYN. With RFC 1337 protection (--rfc1337) TIME_WAIT would ignore this RST and keep waiting.",
    "timewait.rst-rfc1337": "The notes say a RST always closes the connection, but with the rfc1337 protection on, "
    "TIME_WAIT ignores it: a stray RST must not cut the 2MSL wait short. The reconnecting side "
    "simply has to wait.",
    "timewait.rst-ignored": "The notes say any RST closes the connection. In TIME_WAIT Linux accepts only a RST exactly "
    "at RCV.NXT; this one is in the window but not exact, so it is dropped silently, without "
    "even a challenge ACK.",
    "timewait.2msl-expired": "2MSL passed with nothing new: TIME_WAIT ends and the ports are free again. The notes "
    "count 2MSL as 4 minutes (MSL = 2 min, as RFC 793 suggested); Linux actually holds "
    "TIME_WAIT for a fixed 60 s.",
    # -- application calls ----------------------------------------------------------------------------
    "app.listen": "A passive open: the server's socket goes from CLOSED to LISTEN and waits for SYNs. Nothing is sent "
    "yet.",
    "app.listen-beside-timewait": "A listener opens on this port while the old connection still sits in TIME_WAIT. "
    "That is allowed: TIME_WAIT holds only the old connection's port pair, and a SYN for "
    "that same pair still meets TIME_WAIT first.",
    "app.listen-exists": "This socket already listens or has a connection, so it cannot start listening again: "
    "'connection already exists'.",
    "app.connect": "An active open: TCP picks an ISN x, sends SYN (seq=x) and enters SYN_SENT. The notes write "
    "SYN_SEND; the RFC's name is SYN-SENT, shown here as SYN_SENT.",
    "app.connect-from-listen": "A listening socket may also open actively: it stops listening, sends a SYN with a "
    "fresh ISN and enters SYN_SENT.",
    "app.connect-exists": "This socket already has a connection (or is opening one), so connect() fails: 'connection "
    "already exists'.",
    "app.connect-timewait": "This port pair is still held in TIME_WAIT for 2MSL, so that late segments of the old "
    "connection die out first. A new connection on the same ports must wait (or use another "
    "port).",
    "app.send": "The application sends data: it goes out at once with seq = SND.NXT, and SND.NXT moves past it; the "
    "bytes stay unacknowledged until the peer ACKs them.",
    "app.send-close-wait": "The peer closed its direction, but ours is still open (half-close): in CLOSE_WAIT the "
    "application may go on sending data before it closes.",
    "app.send-queued": "The handshake is not finished yet, so the data waits in the send queue and goes out as soon as "
    "the connection is ESTABLISHED.",
    "app.send-closing": "This side already sent its FIN, promising no more data, so send() fails: 'connection "
    "closing'.",
    "app.send-no-connection": "There is no connection to send on (CLOSED, or only listening), so send() fails: "
    "'connection does not exist'.",
    "app.close": "The application closes: TCP sends FIN after any data still queued (the FIN takes one sequence "
    "number) and enters FIN_WAIT_1, waiting for its ACK.",
    "app.close-passive": "The peer closed first; now this side closes too. It sends its own FIN and enters LAST_ACK, "
    "waiting for the final ACK.",
    "app.close-queued": "Data is still waiting for the handshake to finish, and the FIN must come after it. TCP records "
    "the close and will send the FIN right behind that data.",
    "app.close-queued-fin": "The connection is ESTABLISHED, so the queued data goes out, and right behind it the FIN "
    "the application asked for earlier: on to FIN_WAIT_1.",
    "app.close-synsent": "Closing during SYN_SENT: nothing has been agreed with the peer yet, so TCP just deletes the "
    "connection and sends nothing.",
    "app.close-listen": "The listening socket is closed and accepts no more connections. Nothing is sent: there is no "
    "peer to tell.",
    "app.close-after-shutdown": "shutdown() already sent the FIN; close() now stops reading too. Nothing is sent, but "
    "any new data from the peer will be answered with RST.",
    "app.close-closing": "This side's FIN was already sent; a sending direction cannot be closed twice: 'connection "
    "closing'.",
    "app.close-no-connection": "There is no connection here to close or abort: 'connection does not exist'.",
    "app.shutdown-listen": "A listener has no sending direction to shut down; to stop listening, close it instead.",
    "app.abort": "The application aborts: instead of a polite FIN, TCP sends RST (seq = SND.NXT; Linux adds ACK) and "
    "drops the connection at once. Unsent data is lost, and the peer's connection is reset too.",
    "app.abort-silent": "Aborting here sends no RST: the peer is not synchronized yet (SYN_SENT) or has already sent "
    "its FIN (CLOSING, LAST_ACK, TIME_WAIT). TCP just forgets the connection.",
    # -- timers ---------------------------------------------------------------------------------------
    "timer.rto-syn": "No SYN+ACK came back in time: the SYN or its answer was lost. The retransmission timer fires and "
    "the same SYN (same ISN) goes out again.",
    "timer.rto-synack": "No ACK came back for our SYN+ACK: one of them was lost. The retransmission timer fires and the "
    "SYN+ACK goes out again.",
    "timer.rto-data": "The data was not acknowledged in time. The retransmission timer resends it from SND.UNA, the "
    "oldest unacknowledged byte.",
    "timer.rto-fin": "Our FIN is still unacknowledged, so it is sent again. This is why the other side's TIME_WAIT must "
    "still be around: to ACK a repeated FIN.",
    "timer.rto-idle": "Nothing is waiting for an acknowledgment, so no retransmission timer is running here.",
    "timer.2msl-idle": "The 2MSL timer runs only in TIME_WAIT, and this endpoint is not in TIME_WAIT.",
    "timer.give-up-synsent": "Every SYN retry went unanswered. TCP gives up: back to CLOSED, and connect() fails with "
    "a timeout.",
    "timer.give-up-synrcvd": "The handshake's final ACK never came. The server drops the half-open connection and keeps "
    "listening; if that ACK shows up later, it is answered with RST.",
    "timer.give-up-synrcvd-active": "Our SYN+ACK was never acknowledged. This connection was opened actively "
    "(both sides sent SYN at once), so there is no listener to return to: the half-open connection is dropped, back "
    "to CLOSED, and connect() fails with a timeout.",
    "timer.give-up": "Retransmissions went unacknowledged too many times: the peer is unreachable or gone. TCP gives up "
    "and the connection is closed.",
    "timer.fin-wait-2-timeout": "The application has closed and will read nothing more, yet the peer never sends its "
    "FIN. Rather than sit in FIN_WAIT_2 forever, Linux closes the connection after a "
    "timeout (60 s by default).",
    "timer.give-up-idle": "Nothing is being retransmitted, so there is nothing to give up on.",
    # -- hosts ----------------------------------------------------------------------------------------
    "host.crash": "The host crashes: it forgets every connection at once and sends nothing, not even a RST. The peer "
    "still believes its connection is open.",
    "host.restart": "The host comes back with no memory of its connections (a server reopens its listener). The peer's "
    "next segment for the old connection will be answered with RST.",
    "host.down": "The segment reached a crashed host: nobody answers, not even with RST. To the sender it looks like a "
    "lost segment.",
    "host.is-down": "This host has crashed: it cannot call, send or time out until it restarts.",
    "host.not-down": "This host is running; only a crashed host can restart.",
    # -- the network ----------------------------------------------------------------------------------
    "net.drop": "The network lost this segment, and nobody is told. Only the sender's retransmission timer can "
    "recover.",
    "net.duplicate": "The network copied this segment; the copy may arrive much later, even after the connection is "
    "gone. Such stray old segments are why TIME_WAIT waits 2MSL.",
    "net.no-such-segment": "There is no such segment on the wire: only {count} are in flight.",
    # -- the player's sends ---------------------------------------------------------------------------
    "send.reply": "Right: {expected} is exactly the reply TCP owes here, with the right numbers.",
    "send.not-the-reply": "Allowed, but not what TCP does now: the segment that just arrived must be answered first, "
    "with {expected}.",
    "send.wrong-numbers": "Right segment ({expected}), wrong numbers: you sent seq={seq} ack={ack}, TCP would send "
    "seq={want_seq} ack={want_ack}. SEQ and ACK must carry on exactly where the two sides left "
    "off.",
    "send.syn": "A SYN from CLOSED is an active open: seq = a fresh ISN x, and the sender enters SYN_SENT. The notes "
    "write SYN_SEND; the RFC's name is SYN-SENT.",
    "send.syn-from-listen": "A listener may open actively too: it sends a SYN with a fresh ISN and moves to SYN_SENT.",
    "send.data": "Data in ESTABLISHED: seq = SND.NXT, ack = RCV.NXT; SND.NXT moves past the new bytes.",
    "send.data-close-wait": "The peer has finished sending, but this direction is still open (half-close): CLOSE_WAIT "
    "may send data before its own FIN.",
    "send.fin": "This side closes: FIN+ACK at seq = SND.NXT (the FIN takes one sequence number), then FIN_WAIT_1.",
    "send.fin-passive": "The passive closer has sent all its data and now sends its own FIN: CLOSE_WAIT becomes "
    "LAST_ACK, waiting for the final ACK.",
    "send.retransmit": "This repeats a segment already sent and not yet acknowledged. That is harmless, but TCP resends "
    "only when its retransmission timer fires.",
    "send.ack-needless": "Nothing new needs acknowledging: an extra ACK is harmless, but TCP does not send one "
    "unprompted.",
    "send.rst-abort": "A RST from a live connection is an abort: no FIN, no goodbye, the connection is gone at once and "
    "data in flight may be lost. Legal, but TCP does it only when the application aborts.",
    "send.rst-unprompted": "TCP sends RST only to answer a segment that fits no connection, or to abort a live one. "
    "Nothing here calls for it: allowed, but it resets nothing.",
    "send.rst-ack-nothing": "A RST+ACK out of nowhere: this side has received nothing it could acknowledge (no RCV.NXT yet). TCP sends RST+ACK only in answer to a segment, acknowledging that segment.",
    "send.syn-synchronized": "This side already sent its SYN and fixed its ISN. A second SYN inside the same connection "
    "is impossible; the peer would only answer it with a challenge ACK.",
    "send.syn-timewait": "TIME_WAIT holds this port pair for 2MSL so late segments of the old connection can die out; "
    "it cannot open a new connection on it. The peer may try, which leads to the §4.2 dance.",
    "send.synack-without-syn": "A SYN+ACK answers a SYN this side has received and not yet answered. There is no such "
    "SYN here.",
    "send.ack-before-syn": "In SYN_SENT this side has not received the peer's SYN, so it does not know the peer's ISN: "
    "there is nothing to acknowledge. ACKs and data must wait for the SYN+ACK.",
    "send.data-before-established": "The handshake is not complete: SYN_RCVD still waits for the ACK of its SYN+ACK. "
    "Data written now is queued until ESTABLISHED.",
    "send.fin-before-established": "Nothing is synchronized in SYN_SENT, so there is nothing a FIN could close: closing "
    "now just deletes the connection.",
    "send.data-after-fin": "This side already sent its FIN, promising no more data; it may still ACK, but new data is "
    "impossible.",
    "send.fin-before-data": 'The application still has data waiting to be sent (queued until the handshake completes). A FIN must come after all of it — it says "no more data" — so sending it now would jump the queue.',
    "send.fin-after-fin": "This side's FIN was already sent and acknowledged. Each direction closes only once, so a "
    "second FIN is impossible.",
    "send.no-connection": "This side has no connection, so it has no sequence numbers to send from and nothing to "
    "acknowledge. Only a SYN can start one; the peer would answer anything else with RST.",
    "send.no-such-segment": "No TCP sends this segment: apart from the first SYN (and RST), every segment carries ACK, "
    "and SYN together with FIN makes no sense.",
}

UI = {
    # -- the play screen, menus and home (tcptui.ui) --
    "who.client": "client",
    "who.server": "server",
    "key.side('server')": "Server",
    "key.side('client')": "Client",
    "help.verdict_more": "scroll the verdict pane when its text is longer than it",
    "key.verdict_more": "More",
    "move.restart": "{side} restarts",
    "move.crash": "{side} crashes",
    "move.timer": "{side} timer: {timer}",
    "move.send": "{side} sends {segment}",
    "move.call": "{side} {call}",
    "move.duplicate": "duplicate #{n}",
    "move.drop": "drop #{n}",
    "move.deliver": "deliver #{n}",
    "verdict.reaction": "{side}: ",
    "verdict.done": "done",
    "send.edit": "numbers…",
    "send.title-edit": "{side} sends, then numbers",
    "timer.title": "{side} timer",
    "send.title": "{side} sends",
    "call.title": "{side} app",
    "menu.give-up": "give up",
    "menu.2msl": "2MSL",
    "menu.rto": "RTO",
    "menu.abort": "abort",
    "menu.close": "close",
    "menu.shutdown": "shutdown",
    "menu.send": "send 100 B",
    "menu.connect": "connect",
    "menu.listen": "listen",
    "numbers.footer": "⏎ sends with these numbers · Escape cancels",
    "numbers.invalid": "numbers only, please",
    "state.CLOSED": "no connection",
    "state.LISTEN": "waiting for a SYN",
    "state.SYN_SENT": "waits for SYN+ACK",
    "state.SYN_RCVD": "waits for the ACK",
    "state.ESTABLISHED": "open both ways",
    "state.FIN_WAIT_1": "FIN sent, no ACK yet",
    "state.FIN_WAIT_2": "waits for peer's FIN",
    "state.CLOSE_WAIT": "peer done; may send",
    "state.CLOSING": "FINs crossed",
    "state.LAST_ACK": "waits for last ACK",
    "state.TIME_WAIT": "2MSL, then CLOSED",
    "play.title": "tcptui · sandbox",
    "top.rules": "{profile}",
    "top.replies.auto": "auto replies",
    "top.replies.manual": "you reply",
    "top.numbers.symbolic": "x, y",
    "top.numbers.real": "real numbers",
    "side.client": "CLIENT",
    "side.server": "SERVER",
    "panel.selected": "you act here",
    "app.down": "host DOWN",
    "app.listener-open": "listener open",
    "app.closed": "app closed",
    "app.shut": "app shut down",
    "app.close-pending": "FIN waits for data",
    "app.pending": "{n} B queued",
    "app.owes": "owes {n} · press p",
    "wire.title": "WIRE · in flight",
    "wire.empty": "nothing in flight",
    "wire.old": "[old connection]",
    "ladder.title": "LADDER",
    "verdict.title": "VERDICT",
    "verdict.score": "score {points} · streak {streak} · illegal {illegal} · RST {resets}",
    "verdict.welcome": "Pick a side (tab), make its application act (a) or send a segment (p), then let the network deliver (⏎) or lose (x) what is in flight. Try: server listen, client connect.",
    "verdict.correct": "correct",
    "verdict.legal": "legal, but not what TCP does now",
    "verdict.illegal": "illegal here",
    "verdict.wrong-numbers": "wrong numbers",
    "reaction.accepted": "accepted",
    "reaction.dropped": "dropped",
    "reaction.challenged": "challenge ACK",
    "reaction.refused": "answered RST",
    "reaction.reset": "reset",
    "verdict.notes": "notes",
    "verdict.owes": "The {side} stack owes a reply: you send it (p).",
    "verdict.replied": "replied: {segments}",
    "key.switch_side": "Side",
    "key.deliver": "Deliver",
    "key.drop": "Drop",
    "key.send": "Send",
    "key.call": "App",
    "key.timer": "Timer",
    "key.undo": "Undo",
    "key.help": "Help",
    "key.duplicate": "Duplicate",
    "key.crash": "Crash/restart",
    "key.redo": "Redo",
    "key.restart": "Restart game",
    "key.export": "Export…",
    "key.settings": "Settings",
    "key.lang": "中文/EN",
    "key.back": "Back",
    "key.pick": "Pick segment",
    "key.palette": "Commands",
    "key.quit": "Quit",
    "key.cancel": "Cancel",
    "key.close": "Close",
    "help.switch_side": "act for the other endpoint (or click a panel; c client, s server)",
    "help.deliver": "the network delivers the highlighted segment (↑↓ or 1…9 to choose)",
    "help.drop": "the network loses the highlighted segment",
    "help.send": "the selected side sends a segment you choose — illegal ones too, and you see why",
    "help.call": "the selected side's application calls listen, connect, send, shutdown, close or abort",
    "help.timer": "a timer of the selected side fires: RTO, 2MSL, give up",
    "help.undo": "take the last move back",
    "help.help": "this screen",
    "help.duplicate": "the network copies the highlighted segment; the copy arrives later",
    "help.side('client')": "act for the client",
    "help.side('server')": "act for the server",
    "help.crash": "the selected host crashes (forgets every connection) or restarts",
    "help.redo": "make an undone move again",
    "help.restart": "back to the start of this game",
    "help.export": "save the ladder as text or Mermaid, the screen as SVG, the game as pcap",
    "help.settings": "replies, numbers, rule profile, TIME_WAIT options, language",
    "help.lang": "switch between Chinese and English",
    "help.back": "leave this screen",
    "help.pick": "highlight segment n in flight",
    "help.palette": "every action, searchable",
    "help.quit": "leave tcptui",
    "help.title": "Keys",
    "help.diagram": "State diagram (drawn from the transition table)",
    "explain.ways-out": "Other ways out of {state} (tcptui diagram draws them all):",
    "help.you-are": "Now: client {client}, server {server} (highlighted; bold: the ways out).",
    "diagram.title": "TCP state diagram (RFC 9293, RFC 5961; {profile} profile): {count} transitions",
    "diagram.states": "The eleven states of RFC 9293 §3.3.2:",
    "diagram.any": "every other state",
    "diagram.sends": "{event} / snd {segment}",
    "diagram.group.open": "Opening (§2)",
    "diagram.group.data": "Data transfer (§1)",
    "diagram.group.active-close": "Active close (§3.1–3.4)",
    "diagram.group.passive-close": "Passive close (§3.2–3.4)",
    "diagram.group.reset": "Resets, timeouts and crashes (§4.3, §4.4)",
    "diagram.recv": "rcv {segment}",
    "diagram.recv.of-syn": "rcv {segment} of our SYN",
    "diagram.recv.simultaneous": "rcv {segment} (simultaneous open)",
    "diagram.recv.exact": "rcv {segment} at RCV.NXT",
    "diagram.recv.of-fin": "rcv {segment} of our FIN",
    "diagram.recv.acks-syn": "rcv {segment} of our SYN (refused)",
    "diagram.recv.passive": "rcv {segment} (passive open)",
    "diagram.recv.active": "rcv {segment} (active open)",
    "diagram.recv.in-window": "rcv {segment} in the window (passive open)",
    "diagram.recv.newer": "rcv {segment}, newer ISN, listener open",
    "diagram.recv.after-close": "rcv {segment} after close()",
    "diagram.app": "{call}()",
    "diagram.queued.close": "close() queued until ESTABLISHED",
    "diagram.timer.2msl": "2MSL timeout",
    "diagram.timer.give-up": "retries exhausted",
    "diagram.timer.give-up.passive": "handshake timeout (passive open)",
    "diagram.timer.give-up.active": "handshake timeout (active open)",
    "diagram.timer.give-up.after-close": "FIN_WAIT_2 timeout after close()",
    "diagram.host.crash": "host crashes",
    "diagram.host.restart.listener": "host restarts, its listener reopens",
    "help.close": "Escape, q or ? closes this help.",
    "send.footer": "Numbers come from the sender's TCB. Escape cancels.",
    "call.listen": "listen()",
    "call.connect": "connect()",
    "call.send": "send() 100 bytes",
    "call.shutdown": "shutdown(SHUT_WR) — half-close",
    "call.close": "close()",
    "call.abort": "abort: close() with SO_LINGER 0",
    "timer.rto": "retransmission timeout (RTO)",
    "timer.2msl": "2MSL expires (TIME_WAIT ends)",
    "timer.give-up": "give up (retries exhausted)",
    "settings.title": "Settings",
    "settings.footer": "⏎/space: next value · s: save · Esc: cancel",
    "settings.replies": "Replies",
    "settings.numbers": "Numbers",
    "settings.profile": "Rule profile",
    "settings.timewait_syn": "SYN meets TIME_WAIT",
    "settings.rfc1337": "RFC 1337 (TIME_WAIT ignores RST)",
    "settings.lang": "Language",
    "settings.profile-default": "as the profile says",
    "settings.on": "on",
    "settings.off": "off",
    "settings.replies.auto": "auto: the engine answers",
    "settings.replies.manual": "manual: you answer for the stack",
    "settings.numbers.symbolic": "symbolic (x, y+1)",
    "settings.numbers.real": "real 32-bit values",
    "settings.lang.en": "English",
    "settings.lang.zh": "中文",
    "export.title": "Export to the current directory",
    "export.text": "the ladder as plain text",
    "export.mermaid": "the ladder as a Mermaid sequence diagram",
    "export.svg": "the screen as SVG",
    "export.pcap": "the game as a pcap capture (Wireshark)",
    "export.saved": "Saved {path}",
    "export.failed": "Could not save: {error}",
    "home.tagline": "The TCP state machine, played: handshake, close, TIME_WAIT, RST — explained.",
    "home.footer": "↑↓ and ⏎, or the letter keys · ctrl+p: commands",
    "home.play": "Play",
    "home.play.hint": "both endpoints and the network",
    "home.puzzles": "Puzzles",
    "home.puzzles.hint": "chapters that follow the notes",
    "home.exam": "Exam",
    "home.exam.hint": "a timed exam, and a report",
    "home.replay": "Replay a capture",
    "home.replay.hint": "a pcap, packet by packet",
    "home.settings": "Settings",
    "home.settings.hint": "replies, numbers, rules",
    "home.lang": "中文 / English",
    "home.lang.hint": "switch language",
    "home.quit": "Quit",
    "home.quit.hint": "",
    "screen.too-small": "Please enlarge the terminal to at least 80×24 (it is {width}×{height}).",
    "explain.state": "state",
    "explain.stays": "stays",
    "explain.verdict": "verdict",
    "explain.legal": "legal: a TCP may send this now",
    "explain.illegal": "illegal: no correct TCP sends this now",
    "explain.sends": "sends",
    "explain.nothing": "nothing",
    "explain.rule": "rule",
    "explain.refs": "see",
    "explain.simplifies": "⚑ notes simplify",
    "replay.not-tcp": "{count} frames skipped: not TCP",
    "replay.malformed": "{count} frames skipped: their headers could not be decoded",
    "replay.no-conn": "no connection {conn} in this capture (connections are numbered from 0)",
    "replay.progress": "replaying",
    "replay.title": "{path}\n{conns} connections, {packets} TCP packets",
    "replay.col.conn": "#",
    "replay.col.client": "client ends in",
    "replay.col.server": "server ends in",
    "replay.col.packets": "packets",
    "replay.col.connection": "client → server",
    "replay.col.resets": "RST",
    "replay.col.notes": "notes",
    "replay.col.client-head": "client\nends in",
    "replay.col.server-head": "server\nends in",
    "replay.more": "… {count} more connections with no RST and nothing to note",
    "replay.more-noteworthy": "… {count} more connections with a RST or a note (not listed)",
    "replay.more-notes": "… and {count} more notes",
    "replay.causes": "Why the RSTs were sent",
    "replay.more-details": "… and {count} more connections to look at: tcptui replay FILE --json --conn N shows one",
    "replay.endings": "How the connections ended",
    "replay.side.client": "client",
    "replay.side.server": "server",
    "replay.rst": "frame {frame}: {flags} from the {side}",
    "replay.why": "why",
    "replay.effect": "effect on the {side}",
    "replay.note.unexpected": "unexpected send",
    "replay.note.missing": "reply missing",
    "replay.note.stuck": "stuck in {state}",
    "replay.note.ended": "{state} ended in #{conn}",
    "replay.unexpected": "frame {frame}: the {side} sent what a correct TCP would not send now",
    "replay.missing": "when its packets end, the {side} still owes {expected}",
    "replay.ended": "the {side}'s {state} ended at frame {frame}, in #{conn} (the next connection on these ports): {now}",
    "replay.ended-here": "→ this ends the {state} left by #{conn}",
    "replay.stuck.CLOSE_WAIT": "the {side} is left in CLOSE_WAIT: its peer has closed, but its application never called close()",
    "replay.stuck.FIN_WAIT_2": "the {side} is left in FIN_WAIT_2: its FIN was acknowledged, but the peer never sent its own",
    "replay.story.plain": "what its state called for",
    "replay.story.isn": "the SYN+ACK shows the ISN its passive open chose",
    "replay.story.crossed": "sent before the last segments reached it: they crossed on the way",
    "replay.story.no-listener": "nobody was listening on that port",
    "replay.story.listener": "a listening socket had opened on that port since",
    "replay.story.missed": "it had received bytes the capture does not show in order (lost, reordered or not captured)",
    "replay.story.forgot": "the host had lost the connection (crashed and restarted) before the last segment arrived",
    "replay.story.new": "the host started a new connection from scratch on the same ports",
    # -- the interactive replay (tcptui.ui.screens: replay_open, replay_pick, replay, replay_goto) --
    "replay.ui.title": "tcptui · replay",
    "replay.ui.list-top": "{file} · {conns} connections · {packets} packets · rules: {profile}",
    "replay.ui.conn-top": "{file} · #{conn} · rules: {profile}",
    "replay.ui.failure": "reading stopped early: {error}",
    "replay.ui.typed": "go to #{number}",
    "replay.ui.preview": "Connection #{conn}",
    "replay.ui.preview.quiet": "No RST and nothing flagged. ⏎ opens its ladder.",
    "replay.ui.packet": "frame {frame} · {n} of {total} · +{seconds:.3f} s",
    "replay.ui.numbers": "seq {seq} · ack {ack} · len {length}",
    "replay.ui.owes": "owes {segments}",
    "replay.ui.sent": "sent this packet",
    "replay.ui.receiver": "{side}: ",
    "replay.ui.no-rule": "Nothing for the engine to decide: the {side} just took it.",
    "replay.ui.why-sent": "why the {side} sent it:",
    "replay.ui.send-judged": "the {side}'s send: {verdict}",
    "replay.ui.story": "the replay's reading: {story}",
    "replay.ui.open.title": "Replay a capture",
    "replay.ui.open.prompt": "The path of a pcap or pcapng file (→ takes the suggestion):",
    "replay.ui.open.reading": "reading {path} …",
    "replay.ui.open.empty": "no TCP packets in {path}",
    "replay.ui.open.footer": "⏎ opens · Escape cancels · rules: {profile}",
    "replay.ui.go.title": "Go to frame",
    "replay.ui.go.prompt": "A frame number of this connection ({first}–{last}):",
    "replay.ui.go.invalid": "frame {frame} is not in this connection ({first}–{last})",
    "replay.ui.go.footer": "⏎ goes there · Escape cancels",
    "key.open_conn": "Open",
    "key.packet_next": "Next",
    "key.packet_prev": "Previous",
    "key.packet_first": "First",
    "key.packet_last": "Last",
    "key.packet_goto": "Go to…",
    "key.next_rst": "Next RST",
    "key.next_note": "Next flag",
    "key.verdict_back": "Back up",
    "help.verdict_back": "back up a long explanation",
    "help.open_conn": "step through the highlighted connection (or type its number)",
    "help.packet_next": "the next packet (→ or space)",
    "help.packet_prev": "the previous packet",
    "help.packet_first": "the first packet of the connection",
    "help.packet_last": "the last packet of the connection",
    "help.packet_goto": "go to a frame number (as Wireshark numbers them)",
    "help.next_rst": "the next RST, and why it was sent",
    "help.next_note": "the next packet the replay flagged: a send a correct TCP would not make, a reply still owed",
    "export.wrote": "wrote {count} packets ({moves} moves) to {path}",
    "export.bad-move": "move {number} ({move}): {error}",
    "export.no-moves": 'no moves: give a MOVES_FILE (one move a line) or --moves "client connect; deliver 1"',
    "export.address": "expected IP:PORT (IPv6 as [ADDR]:PORT), got {text!r}",
    # -- puzzles, exam, progress (tcptui.puzzle, tcptui.exam, tcptui.progress) --
    "puzzle.chapter.handshake": "Handshake (§2)",
    "puzzle.chapter.close": "Closing (§3)",
    "puzzle.chapter.time-wait": "TIME_WAIT (§4.1)",
    "puzzle.chapter.port-reuse": "Port reuse (§4.2)",
    "puzzle.chapter.rst": "RST (§4.3, §4.4)",
    "puzzle.chapter.beyond": "Beyond the notes",
    "puzzle.section.beyond": "beyond the notes",
    "puzzle.goal": "Goal",
    "puzzle.moves": "moves {moves} / par {par} (limit {limit})",
    "puzzle.forbidden": "This puzzle does not allow that move.",
    "puzzle.over-limit": "Over the move limit: undo, or restart the puzzle.",
    "puzzle.solved": "Solved in {moves} moves (par {par}).",
    "puzzle.stars": "{stars} of 3 stars",
    "puzzle.hint": "Hint: {move}",
    "puzzle.hint.none": "No way to the goal from here: undo or restart.",
    "puzzle.hint.over-limit": "The goal can still be reached, but not within the move limit.",
    "puzzle.solution": "Solution",
    "puzzle.new": "new",
    "puzzle.still": "Still to do: {what}",
    "exam.start.established": "The connection is established (client ISN x, server ISN y).",
    "exam.start.fresh": "At first nothing is open (the client will pick ISN x, the server y).",
    "exam.q.state-after": "After the moves of this ladder, which state is the {side} in?",
    "exam.q.segment-now": "Manual replies: the last segment has just arrived. Which segment must the {side} send now?",
    "exam.q.wrong-arrow": "One arrow of this ladder carries a wrong number. Which one?",
    "exam.arrow.fix": "Arrow {n} should read: the {side} sends {segment}.",
    "exam.tw.setup": "The server closed first and waits in TIME_WAIT, its listener still open (rules: {profile}). The client reconnects from the same port; its SYN has a sequence number {seq}.",
    "exam.tw.newer": "far above the old connection's",
    "exam.tw.older": "below the old connection's",
    "exam.tw.q.syn": "What does TIME_WAIT do with the SYN?",
    "exam.tw.q.ack": "TIME_WAIT has answered with an ACK. What does the client, in SYN_SENT, do with it?",
    "exam.tw.q.rst": "The client's RST reaches TIME_WAIT. What happens?",
    "exam.tw.old-ack": "It answers with the old connection's last ACK",
    "exam.tw.accept": "It takes the SYN: TIME_WAIT ends and a SYN+ACK opens the new connection",
    "exam.tw.refuse": "It answers with RST",
    "exam.tw.silent": "It drops the segment silently",
    "exam.tw.rst": "It answers RST (seq = the ACK's acknowledgment number) and waits for its retransmission timer",
    "exam.tw.rst-resyn": "It answers RST and re-sends its SYN at once",
    "exam.tw.established": "It takes it as the answer to its SYN: ESTABLISHED, and sends ACK",
    "exam.tw.give-up": "It gives up: CLOSED, connect() fails",
    "exam.tw.closed": "TIME_WAIT ends: the old connection goes to CLOSED",
    "exam.tw.ignore": "TIME_WAIT ignores it and keeps waiting",
    "exam.tw.challenge": "TIME_WAIT answers with a challenge ACK",
    "exam.type.state": "(Type the state, e.g. SYN_SENT.)",
    "exam.type.kind": "(Type the kind of segment, e.g. SYN+ACK, ACK, RST.)",
    "exam.side.client": "client",
    "exam.side.server": "server",
    "exam.ladder.client": "client",
    "exam.ladder.server": "server",
    "exam.ladder.lost": "✗ lost",
    "exam.ladder.copy": "⧉ copy",
    "exam.ladder.timer": "timer {timer}",
    "exam.ladder.crash": "crash",
    "exam.ladder.restart": "restart",
    "exam.ladder.sends": "sends",
    "exam.title": "Exam",
    "exam.question": "Question {n} of {total}",
    "exam.time-left": "{minutes}:{seconds:02d} left",
    "exam.type-answer": "Type your answer",
    "exam.right": "Right.",
    "exam.wrong": "Not quite. The answer: {answer}",
    "exam.report.title": "Exam report",
    "exam.report.score": "{right} of {total} right ({percent}%)",
    "exam.report.topic": "Topic",
    "exam.report.right": "Right",
    "exam.report.misses": "What to review",
    "exam.report.your-answer": "your answer: {given}",
    "exam.report.no-answer": "no answer",
    "exam.report.unanswered": "{count} not answered",
    "exam.report.not-answered": "Not answered",
    "exam.report.correct": "the answer: {answer}",
    "exam.report.perfect": "No misses. Well done!",
    "progress.title": "Progress",
    "progress.chapter": "Chapter",
    "progress.solved": "Solved",
    "progress.stars": "Stars",
    "progress.topic": "Topic",
    "progress.answers": "Answers",
    "progress.right": "Right",
    "progress.due": "{count} review(s) due now",
    "progress.exam-date": "Exam date: {date}",
    "progress.empty": "No progress saved yet: play a puzzle or take an exam.",
    "progress.where": "Saved in {path}",
    "progress.reset-ask": "Forget all puzzle results and exam answers in {path}? [y/N] ",
    "progress.reset-done": "Progress forgotten (settings kept).",
    "progress.reset-kept": "Nothing was reset.",
    "progress.recovered": "The progress file was damaged; it was moved to {path} and a fresh one started.",
    # -- the puzzle and exam screens (tcptui.ui.screens: puzzles, puzzle, result, exam_start, exam, report) --
    "puzzle.title": "Puzzle",
    "puzzle.list.title": "tcptui · puzzles",
    "puzzle.list.progress": "solved {solved} / {total} · ★ {stars} / {most}",
    "puzzle.list.chapter": "{solved} / {total} solved",
    "puzzle.side.client": "client",
    "puzzle.side.server": "server",
    "puzzle.goal.state": "{side} in {states}",
    "puzzle.goal.or": " or ",
    "puzzle.goal.wire-empty": "wire empty",
    "puzzle.goal.sends": "{side} sends {value}",
    "puzzle.goal.sends-any": "a {value} is sent",
    "puzzle.goal.reaches": "{side} reaches {value}",
    "puzzle.goal.reaches-any": "a side reaches {value}",
    "puzzle.goal.rule": "{side}: {value} ({where})",
    "puzzle.goal.rule-any": "{value} ({where})",
    "puzzle.goal.never": "never: {what}",
    "puzzle.counts": "moves {moves} / par {par} (limit {limit}) · illegal {illegal} · hints {hints}",
    "puzzle.welcome.keys": "h hint (next move) · H written hint · v solution · i story · ? keys",
    "puzzle.not-offered": "This puzzle does not offer {move} now.",
    "puzzle.forbidden-move": "This puzzle does not allow that move: {move}.",
    "puzzle.hint.footer": "⏎ makes this move · Escape: back to the puzzle (the hint is counted either way)",
    "puzzle.hint.remaining": "{n} move(s) to the goal from here, this one included.",
    "puzzle.clue.title": "Written hint {n} of {total}",
    "puzzle.clue.none": "No written hints left: h shows the next move.",
    "puzzle.clue.footer": "⏎ or Escape closes · i shows the story and the hints taken",
    "puzzle.solution.ask": "The solution is played back from the start, one move each time you press ⏎. An attempt whose solution was shown earns no stars.",
    "puzzle.solution.footer": "⏎ show it · Escape: keep trying",
    "puzzle.playback.start": "The solution takes {n} moves: ⏎ plays the next one · Escape stops",
    "puzzle.playback.step": "Solution, move {n} of {total}: {move} — ⏎ next",
    "puzzle.playback.stopped": "Playback stopped: play on from here (no stars for this attempt).",
    "puzzle.story.hints": "Written hints taken",
    "puzzle.story.footer": "⏎ or Escape closes",
    "puzzle.result.shown": "Goal reached with the solution shown",
    "puzzle.result.counts": "moves {moves} (par {par}) · illegal moves {illegal} · hints {hints}",
    "puzzle.result.new-best": "Your best result for this puzzle: saved.",
    "puzzle.result.best": "Your best stays {stars} in {moves} moves (this result is saved too).",
    "puzzle.result.seen": "Marked as seen (saved). Solve it yourself to earn stars.",
    "puzzle.result.next": "Next puzzle: {title}",
    "puzzle.result.list": "Back to the puzzle list",
    "puzzle.result.footer": "Escape: look at the board (then n, R or q)",
    "progress.unusable": "Progress cannot be read or saved: {error}",
    "exam.start.title": "tcptui · exam",
    "exam.start.plan": "{count} questions · {minutes} minutes",
    "exam.start.topics": "Topics: {topics}",
    "exam.start.all-topics": "every section of the notes",
    "exam.start.reviews": "Reviews due now: {due} (they come first) · questions answered before: {seen} of {total}",
    "exam.start.date": "Exam date: {date}, in {days} days: reviews are pulled in before it",
    "exam.start.no-date": "Exam date: not set (d sets it: reviews are then pulled in before it)",
    "exam.start.how": "Answer with a letter or number key (or ↑↓ and ⏎); typed answers end with ⏎. Each answer is saved at once; missed questions come back sooner.",
    "exam.topics.title": "Which topics?",
    "exam.topics.all": "Every section",
    "exam.date.title": "Exam date",
    "exam.date.prompt": "The day of your exam, as YYYY-MM-DD (empty: no date).",
    "exam.date.invalid": "Expected a date from today on, as YYYY-MM-DD.",
    "exam.date.footer": "⏎ saves · Escape cancels",
    "exam.minutes-left": "⏱ {minutes} min left",
    "exam.time-up": "Time is up.",
    "exam.to-next": "⏎ next question",
    "exam.to-report": "⏎ the report",
    "exam.end.title": "End the exam now?",
    "exam.end.body": "Questions not answered score nothing; the report lists them apart.",
    "exam.end.footer": "⏎ end it and see the report · Escape: go on",
    "exam.report.topics": "By topic",
    "exam.report.reviews": "Missed questions come back sooner in your next exams.",
    "key.step": "Next step",
    "key.stop": "Stop",
    "key.hint": "Hint",
    "key.clue": "Written hint",
    "key.solution": "Solution",
    "key.story": "Story",
    "key.next_puzzle": "Next puzzle",
    "key.retry": "Retry",
    "key.play": "Play",
    "key.next_new": "Next unsolved",
    "key.pick_chapter(1)": "Chapter",
    "key.start": "Start",
    "key.more_time": "Time",
    "key.less_time": "Less time",
    "key.topics": "Topics…",
    "key.date": "Exam date…",
    "key.next_question": "Next",
    "key.choose": "Answer",
    "key.end_exam": "End exam",
    "help.step": "show the next move of the solution",
    "help.stop": "stop showing the solution and play on",
    "help.hint": "the next move of a shortest solution, explained (costs a star)",
    "help.clue": "the puzzle author's next written hint (costs a star)",
    "help.solution": "play the solution back, one move per ⏎ (no stars for this attempt)",
    "help.story": "the story, the goal and the written hints taken",
    "help.next_puzzle": "on to the next puzzle",
    "help.retry": "a new attempt at this puzzle",
    "help.play": "play the highlighted puzzle",
    "help.next_new": "jump to the next puzzle not solved yet",
    "help.start": "start the exam",
    "help.more_time": "a longer exam (more questions)",
    "help.less_time": "a shorter exam (fewer questions)",
    "help.topics": "every section, or one chapter of the notes",
    "help.date": "set the day of your exam: reviews are pulled in before it",
    "help.next_question": "on to the next question",
    "help.choose": "answer with the highlighted choice, or with what you typed",
    "help.end_exam": "end the exam now and see the report",
}
