"""Simplified Chinese catalogue: one or two sentences explaining each rule id of tcptui.core.rules, and UI strings."""

RULES = {
    # -- 报文到达：CLOSED -----------------------------------------------------------------------------
    "closed.rst-ignored": "RST 到达一台没有对应连接的主机：没有可重置的东西，而且 RST 永远不会被回复（否则双方会互发 RST "
                          "没完没了），直接丢弃。",
    "rst.no-listener": "SYN 到达无人监听的端口：主机回 RST+ACK（ack = SEG.SEQ+1），connect() 报“connection refused”。"
                       "有些主机干脆不回应，让端口扫描探不到信息。",
    "rst.no-connection": "收到一个本机毫无记录的连接的报文（主机重启过，或连接早已关闭）：回 RST，序列号取自该报文"
                         "（如 SEQ = SEG.ACK），对方接受后丢弃这个失效的连接。",
    # -- LISTEN ---------------------------------------------------------------------------------------
    "listen.rst-ignored": "笔记说收到 RST 一律进入 CLOSED，但监听套接字根本没有连接可关：它直接忽略 RST，继续监听。",
    "rst.listen-ack": "监听端收到带 ACK 的报文，可它没发过任何可被确认的东西，例如服务器放弃握手后才迟到的第三次握手 "
                      "ACK。于是回 RST（SEQ = SEG.ACK），告诉对方连接已不存在。",
    "handshake.syn-received": "监听端接受 SYN：记下客户端的 ISN x（RCV.NXT = x+1），选好自己的 ISN y，回 SYN+ACK"
                              "（seq=y, ack=x+1），进入 SYN_RCVD。",
    "listen.drop-other": "监听端只理会 SYN（带 ACK 的报文回 RST）。这个报文既无 SYN、ACK，也无 RST（例如单独的 FIN），"
                         "静静丢弃。",
    # -- SYN_SENT -------------------------------------------------------------------------------------
    "synsent.bad-ack": "SYN_SENT 收到的 ACK 没确认我们的 SYN（应为 ISS+1），如 TIME_WAIT 对端的旧 ACK：回 RST"
                       "（SEQ = SEG.ACK），继续等；Linux 还会立刻重发 SYN。",
    "synsent.rst-bad-ack": "笔记说收到 RST 就进入 CLOSED，但在 SYN_SENT，只有确认了我们 SYN 的 RST 才算数。这个 RST "
                           "确认的是别的东西，丢弃即可（RST 从不回复）。",
    "rst.refused": "RST 的确认号正好确认了我们的 SYN：对方在该端口没有监听。SYN_SENT 进入 CLOSED，connect() 报"
                   "“connection refused”（连接被拒绝）。",
    "synsent.rst-ignored": "笔记说任何 RST 都会关闭连接，但在 SYN_SENT，没有 ACK 确认我们 SYN 的 RST 谁都能伪造，"
                           "因此被忽略，继续等待 SYN+ACK。",
    "handshake.synack": "SYN+ACK 确认了我们的 SYN（ack=x+1）：客户端记下服务器的 ISN y，发出第三次握手的 ACK"
                        "（ack=y+1），进入 ESTABLISHED。",
    "handshake.simultaneous-open": "双方同时发出 SYN（同时打开）：SYN_SENT 收到不带 ACK 的 SYN，回 SYN+ACK 并进入 "
                                   "SYN_RCVD；双方的 SYN 都被确认后，一起进入 ESTABLISHED。",
    "synsent.drop-other": "在 SYN_SENT，只有对方的 SYN（或 RST）能推进状态。这个报文两者都没有，仍不知道对方的 ISN，"
                          "直接丢弃。",
    # -- 其他状态：序列号、RST、SYN ----------------------------------------------------------------------
    "seq.old-duplicate": "整个报文都在 RCV.NXT 之前：这些字节早已收到，是旧的重复报文。丢弃，并回带 RCV.NXT 的 ACK，"
                         "告诉对方真实的接收进度。",
    "seq.out-of-window": "报文序列号落在接收窗口（RCV.NXT 到 RCV.NXT+RCV.WND）之外，不可能属于这里。丢弃，并回 ACK "
                         "告知 RCV.NXT。",
    "rst.out-of-window": "笔记说 RST 会关闭任何连接，但这个 RST 的序列号在接收窗口之外，多半是过期或伪造的：静静丢弃，"
                         "连接照常进行。",
    "rst.challenge-ack": "笔记说 RST 一律关闭连接，但 RST 落在窗口内却不正好等于 RCV.NXT 时，只会换来一个挑战 ACK。"
                         "真正的对端会用准确的序列号再发 RST，盲打的攻击者做不到。",
    "rst.synrcvd-passive": "笔记说 RST 就进入 CLOSED，但这个半连接来自监听套接字：只丢掉这个半连接，套接字回到 "
                           "LISTEN，继续为其他客户端服务。",
    "rst.synrcvd-active": "这个 SYN_RCVD 来自同时打开，背后没有监听套接字。序列号准确的 RST 表示对方拒绝：连接进入 "
                          "CLOSED，应用得到“connection refused”。",
    "rst.reset": "RST 的序列号正好等于 RCV.NXT：对方确实重置了连接。立即进入 CLOSED，未发送和未读取的数据全部丢弃，"
                 "应用得到“connection reset”。",
    "rst.closing": "即使正在关闭（CLOSING 或 LAST_ACK），序列号准确的 RST 也会立刻结束连接：不再等我们 FIN 的 ACK，"
                   "直接 CLOSED。",
    "synrcvd.syn-retransmit": "客户端的 SYN 又来了，ISN 相同：我们的 SYN+ACK 多半丢了。SYN_RCVD 立即重发 SYN+ACK。",
    "synrcvd.syn-passive": "窗口内的 SYN 到达一个来自监听套接字的半连接：握手已经乱了。这个半连接被直接丢弃（不回复），"
                           "套接字回到 LISTEN。",
    "syn.challenge-ack": "已同步的连接收到 SYN：它可能是伪造的，TCP 不会因此重置，而是回一个带当前序列号的挑战 ACK。"
                         "真正重启过的对端会回 RST，再重试 SYN。",
    # -- ACK ------------------------------------------------------------------------------------------
    "ack.missing": "三次握手之后，每个报文都必须带 ACK 标志。这个报文没有，丢弃。",
    "handshake.ack": "ACK（ack=y+1）确认了我们的 SYN+ACK：第三次握手完成，SYN_RCVD 进入 ESTABLISHED，双方可以互传"
                     "数据。",
    "handshake.simultaneous-ack": "同时打开时，对方的 SYN+ACK 重复了它的 SYN，并确认了我们的 SYN。双方的 SYN 都已"
                                  "被确认，SYN_RCVD 直接进入 ESTABLISHED。",
    "synrcvd.bad-ack": "SYN_RCVD 收到的 ACK 没有确认我们的 SYN+ACK，属于另一个更早的连接。回 RST（SEQ = SEG.ACK），"
                       "继续等待正确的 ACK。",
    "ack.future": "SEG.ACK 确认了本端从未发送过的字节（超过 SND.NXT）。丢弃该报文，并回 ACK 告知真实的序列号。",
    "ack.too-old": "SEG.ACK 远落后于 SND.UNA（差距超过一个窗口）：过期或伪造的报文。TCP 不予采信，丢弃并回一个 ACK。",
    "ack.accept": "ACK 确认了新的字节：SND.UNA 前移到 SEG.ACK。对方确实收到了这些字节，无需再重传。",
    "ack.duplicate": "这个 ACK 没有确认任何新数据（SEG.ACK 不超过 SND.UNA），是重复 ACK。确认号本身不起作用，"
                     "但其中携带的数据或 FIN 照常处理。",
    "close.fin-acked": "ACK 确认了我们的 FIN：FIN_WAIT_1 进入 FIN_WAIT_2。本端发送方向已关闭，但仍接收对方数据，"
                       "直到对方的 FIN 到来。",
    "close.fin-not-acked": "这个 ACK 只确认了之前的数据，还没确认我们的 FIN（SEG.ACK < SND.NXT），所以仍停在 "
                           "FIN_WAIT_1。",
    "close.closing-acked": "双方 FIN 交叉之后，我们 FIN 的 ACK 到了：CLOSING 进入 TIME_WAIT。对方 FIN 的最后一个 ACK "
                           "是我们发的，必须等 2MSL 以防它丢失。",
    "close.last-ack": "我们 FIN 的 ACK 到了，这是四次挥手的最后一个报文：LAST_ACK 进入 CLOSED。被动关闭方立即结束，"
                      "只有主动关闭方要在 TIME_WAIT 等待。",
    # -- 数据与 FIN -----------------------------------------------------------------------------------
    "data.accept": "按序到达的数据（SEG.SEQ = RCV.NXT）：交给应用，RCV.NXT 前移，并回 ACK 确认新的 RCV.NXT。",
    "data.accept-half-closed": "我们的 FIN 只关闭了本端的发送方向。对方仍可发送（半关闭），其数据照常接收并确认。",
    "data.out-of-order": "这段数据从 RCV.NXT 之后才开始：前面有报文缺失。回 ACK 告知 RCV.NXT；真实协议栈通常先缓存它，"
                         "本游戏直接丢弃，由发送方重传。",
    "data.after-close": "笔记说主动关闭方还能继续接收数据，这在 shutdown() 后成立。但这里应用调用的是 close()，不会再读，"
                        "新数据无法交付：TCP 回 RST 并终止连接。",
    "data.after-fin": "对方的 FIN 已表示不再发送数据，之后却又来了数据。正确的对端不会这样做，这些字节被忽略。",
    "data.late-accepted": "同一对端口上旧连接的迟到报文，恰好落进新连接的窗口，被当成新数据收下：数据被悄悄破坏。"
                          "TIME_WAIT 首先要防止的正是这种情况。",
    "close.fin-received": "对方的 FIN：它已没有数据要发。回 ACK（FIN 占一个序列号，ack = 其 seq+1），进入 "
                          "CLOSE_WAIT；本端应用关闭之前仍可继续发送。",
    "close.fin-ack-shortcut": "一个报文同时带来了对我们 FIN 的 ACK 和对方的 FIN：FIN_WAIT_1 跳过 FIN_WAIT_2，回 ACK 后"
                              "直接进入 TIME_WAIT。",
    "close.simultaneous": "我们的 FIN 还未被确认，对方的 FIN 就到了：双方同时关闭。回 ACK 确认对方的 FIN，进入 "
                          "CLOSING，等待我们 FIN 的 ACK。",
    "close.fin-wait-2-fin": "FIN_WAIT_2 收到对方的 FIN：发出四次挥手的最后一个 ACK，进入 TIME_WAIT，等待 2MSL，以防"
                            "这个 ACK 丢失。",
    # -- TIME_WAIT ------------------------------------------------------------------------------------
    "timewait.fin-reack": "对方的 FIN 又来了，说明我们最后的 ACK 丢了。TIME_WAIT 还在，正好再回一次 ACK（并重新开始 "
                          "2MSL 计时），让对方顺利关闭。",
    "timewait.late-segment": "旧连接的迟到报文到达 TIME_WAIT：在这里被消化（回一个 ACK），不会被同端口的新连接误当成"
                             "自己的数据。",
    "timewait.ack": "一个普通 ACK 到达 TIME_WAIT：没有需要确认或交付的东西，忽略即可，2MSL 计时照常进行。",
    "timewait.syn-reuse": "SYN 到达仍处于 TIME_WAIT 的套接字：它回复旧连接的最后一个 ACK；SYN 的发送方发现这个 ACK "
                          "与自己的 SYN 对不上，于是发 RST，然后重试。",
    "timewait.syn-accept-newer": "笔记在这里描述的是 ACK/RST 往返。若新 SYN 的序列号（或时间戳）比旧连接新，Linux "
                                 "直接跳过这一步：旧报文不会被混淆，TIME_WAIT 结束，监听端回 SYN+ACK。",
    "timewait.rst": "序列号正好为 RCV.NXT 的 RST 到达 TIME_WAIT，通常是重连的客户端收到旧 ACK 后发来的。TIME_WAIT "
                    "提前结束，端口空出来迎接它重试的 SYN。",
    "timewait.rst-rfc1337": "笔记说 RST 一律关闭连接，但开启 rfc1337 保护后，TIME_WAIT 会忽略 RST：不能让一个 RST "
                            "提前打断 2MSL 等待。想重连的一方只能等下去。",
    "timewait.rst-ignored": "笔记说任何 RST 都会关闭连接。在 TIME_WAIT，Linux 只接受正好等于 RCV.NXT 的 RST；这个在"
                            "窗口内但不精确，被静默丢弃，连挑战 ACK 都不回。",
    "timewait.2msl-expired": "2MSL 内没有新报文：TIME_WAIT 结束，端口重新可用。笔记按 MSL = 2 分钟（RFC 793 的建议）"
                             "算出 4 分钟；Linux 实际固定等待 60 秒。",
    # -- 应用调用 -------------------------------------------------------------------------------------
    "app.listen": "被动打开：服务器套接字从 CLOSED 进入 LISTEN，等待 SYN。此时不发送任何报文。",
    "app.listen-beside-timewait": "旧连接还在 TIME_WAIT 时，在这个端口上开启监听。这是允许的：TIME_WAIT 只占用旧连接"
                                  "的那对端口，发往同一对端口的 SYN 仍会先遇到 TIME_WAIT。",
    "app.listen-exists": "这个套接字已在监听或已有连接，不能再次 listen：“connection already exists”（连接已存在）。",
    "app.connect": "主动打开：TCP 选一个 ISN x，发送 SYN（seq=x），进入 SYN_SENT。笔记写作 SYN_SEND，RFC 里叫 "
                   "SYN-SENT。",
    "app.connect-from-listen": "监听中的套接字也可以主动打开：停止监听，用新的 ISN 发送 SYN，进入 SYN_SENT。",
    "app.connect-exists": "这个套接字已有连接（或正在建立），connect() 失败：“connection already exists”（连接已存在）。",
    "app.connect-timewait": "这对端口仍被 TIME_WAIT 占用 2MSL，好让旧连接的迟到报文先消失。同一对端口上的新连接必须"
                            "等待（或换个端口）。",
    "app.send": "应用发送数据：立即以 seq = SND.NXT 发出，SND.NXT 随之前移；这些字节在对方确认前都算未确认。",
    "app.send-close-wait": "对方已关闭它的发送方向，但本端方向仍开着（半关闭）：在 CLOSE_WAIT 中，应用关闭前仍可"
                           "继续发送数据。",
    "app.send-queued": "三次握手尚未完成，数据先放入发送队列，连接一进入 ESTABLISHED 就发出。",
    "app.send-closing": "本端已经发出 FIN，承诺不再发送数据，所以 send() 失败：“connection closing”（连接正在关闭）。",
    "app.send-no-connection": "没有可用于发送的连接（CLOSED 或只在监听），send() 失败：“connection does not exist”"
                              "（连接不存在）。",
    "app.close": "应用关闭连接：TCP 在已排队的数据之后发送 FIN（FIN 占一个序列号），进入 FIN_WAIT_1 等待它的 ACK。",
    "app.close-passive": "对方先关闭，现在本端也关闭：发出自己的 FIN，进入 LAST_ACK，等待最后的 ACK。",
    "app.close-queued": "还有数据在等握手完成，FIN 必须排在它们后面。TCP 先记下关闭请求，之后紧跟着这些数据发出 FIN。",
    "app.close-queued-fin": "连接已进入 ESTABLISHED：排队的数据发出，紧随其后的是应用早先要求的 FIN，进入 FIN_WAIT_1。",
    "app.close-synsent": "在 SYN_SENT 中关闭：与对方还没有任何约定，TCP 直接删除连接，不发送任何报文。",
    "app.close-listen": "关闭监听套接字：不再接受新连接。不发送任何报文，因为没有对端需要通知。",
    "app.close-after-shutdown": "FIN 已由 shutdown() 发出；现在 close() 连读取也停止了。不发送报文，但对方再发来的"
                                "新数据会被回以 RST。",
    "app.close-closing": "本端的 FIN 已经发出，发送方向不能关闭两次：“connection closing”（连接正在关闭）。",
    "app.close-no-connection": "这里没有可关闭或中止的连接：“connection does not exist”（连接不存在）。",
    "app.shutdown-listen": "监听套接字没有发送方向可以 shutdown；要停止监听，请用 close。",
    "app.abort": "应用中止连接：TCP 不发礼貌的 FIN，而是发 RST（seq = SND.NXT，Linux 还带 ACK），立即丢弃连接。"
                 "未发送的数据丢失，对端连接也被重置。",
    "app.abort-silent": "这里中止不发 RST：对方尚未同步（SYN_SENT），或已经发出了 FIN（CLOSING、LAST_ACK、"
                        "TIME_WAIT）。TCP 直接忘掉这个连接。",
    # -- 计时器 ---------------------------------------------------------------------------------------
    "timer.rto-syn": "迟迟没有收到 SYN+ACK：SYN 或它的应答丢了。重传计时器超时，用同一个 ISN 重发 SYN。",
    "timer.rto-synack": "SYN+ACK 一直没有得到 ACK：其中之一丢了。重传计时器超时，重发 SYN+ACK。",
    "timer.rto-data": "数据没有按时得到确认。重传计时器超时，从 SND.UNA（最早未确认的字节）开始重发。",
    "timer.rto-fin": "我们的 FIN 仍未被确认，于是重发。这正是对方的 TIME_WAIT 必须还在的原因：要能再次确认重发的 FIN。",
    "timer.rto-idle": "没有等待确认的数据，重传计时器并没有在运行。",
    "timer.2msl-idle": "2MSL 计时器只在 TIME_WAIT 中运行，而这个端点不在 TIME_WAIT。",
    "timer.give-up-synsent": "SYN 的每次重传都没有回应。TCP 放弃：回到 CLOSED，connect() 以超时失败。",
    "timer.give-up-synrcvd": "第三次握手的 ACK 始终没来。服务器丢弃这个半连接，继续监听；若那个 ACK 之后才到，会被"
                             "回以 RST。",
    "timer.give-up": "重传多次仍未得到确认：对端不可达或已消失。TCP 放弃，连接关闭。",
    "timer.fin-wait-2-timeout": "应用已 close()，不会再读数据，对方却一直不发 FIN。Linux 不会在 FIN_WAIT_2 永远等下去，"
                                "超时（默认 60 秒）后关闭连接。",
    "timer.give-up-idle": "没有正在重传的报文，也就无所谓放弃。",
    # -- 主机 -----------------------------------------------------------------------------------------
    "host.crash": "主机崩溃：立即忘掉所有连接，什么也不发，连 RST 都没有。对端仍以为连接正常。",
    "host.restart": "主机重启后不记得任何连接（服务器会重新开启监听）。对端再发来旧连接的报文时，会被回以 RST。",
    "host.down": "报文到达一台已崩溃的主机：无人应答，连 RST 都没有。对发送方来说，就像报文丢了。",
    "host.is-down": "这台主机已崩溃：重启之前，它既不能调用、发送，也不会有计时器触发。",
    "host.not-down": "这台主机正在运行；只有崩溃的主机才能重启。",
    # -- 网络 -----------------------------------------------------------------------------------------
    "net.drop": "网络丢失了这个报文，而且没人会被通知。只能靠发送方的重传计时器来恢复。",
    "net.duplicate": "网络复制了这个报文；副本可能很晚才到，甚至在连接结束之后。正因为有这种迷途的旧报文，TIME_WAIT "
                     "才要等待 2MSL。",
    "net.no-such-segment": "线路上没有这个报文：当前只有 {count} 个报文在途。",
    # -- 玩家发送的报文 --------------------------------------------------------------------------------
    "send.reply": "正确：{expected} 正是 TCP 此刻应发的回复，序列号和确认号也都对。",
    "send.not-the-reply": "允许，但不是 TCP 现在会做的：刚到达的报文需要先回复 {expected}。",
    "send.wrong-numbers": "报文类型对了（{expected}），数字不对：你发的是 seq={seq} ack={ack}，TCP 会发 "
                          "seq={want_seq} ack={want_ack}。序列号和确认号必须紧接双方当前的进度。",
    "send.syn": "从 CLOSED 发 SYN 就是主动打开：seq 为新的 ISN x，进入 SYN_SENT。笔记写作 SYN_SEND，RFC 里叫 SYN-SENT。",
    "send.syn-from-listen": "监听端也可以主动打开：用新的 ISN 发送 SYN，进入 SYN_SENT。",
    "send.data": "ESTABLISHED 中发送数据：seq = SND.NXT，ack = RCV.NXT；SND.NXT 随之前移。",
    "send.data-close-wait": "对方已发完数据，但本端方向仍开着（半关闭）：CLOSE_WAIT 在发出自己的 FIN 之前可以继续发数据。",
    "send.fin": "本端关闭：在 seq = SND.NXT 处发 FIN+ACK（FIN 占一个序列号），进入 FIN_WAIT_1。",
    "send.fin-passive": "被动关闭方发完数据，发出自己的 FIN：CLOSE_WAIT 进入 LAST_ACK，等待最后的 ACK。",
    "send.retransmit": "这是在重复发送一个已发出、尚未被确认的报文。无害，但 TCP 只在重传计时器超时时才重发。",
    "send.ack-needless": "没有新的东西需要确认：多发一个 ACK 无害，但 TCP 不会无故发送。",
    "send.rst-abort": "活动连接发出 RST 就是中止：没有 FIN、不告而别，连接立刻消失，在途数据可能丢失。合法，但只有应用"
                      "主动中止时 TCP 才这样做。",
    "send.rst-unprompted": "TCP 只在回应不属于任何连接的报文、或中止活动连接时才发 RST。这里没有理由发它：允许，但什么"
                           "也重置不了。",
    "send.syn-synchronized": "本端早已发过 SYN、定好了 ISN。同一连接里不可能再发 SYN；对方只会回一个挑战 ACK。",
    "send.syn-timewait": "TIME_WAIT 要占住这对端口 2MSL，让旧连接的迟到报文消失，本端不能在上面发起新连接。对端可以"
                         "尝试，那就是 §4.2 描述的过程。",
    "send.synack-without-syn": "SYN+ACK 是对一个刚收到、尚未回应的 SYN 的回答。这里没有这样的 SYN。",
    "send.ack-before-syn": "在 SYN_SENT 还没收到对方的 SYN，不知道对方的 ISN，没有可确认的东西。ACK 和数据都要等 "
                           "SYN+ACK 到来之后。",
    "send.data-before-established": "三次握手尚未完成：SYN_RCVD 还在等对 SYN+ACK 的 ACK。此时写入的数据要排队，"
                                    "直到 ESTABLISHED。",
    "send.fin-before-established": "SYN_SENT 中双方尚未同步，没有可以用 FIN 关闭的东西：此时关闭只是直接删除连接。",
    "send.data-after-fin": "本端已发出 FIN，承诺不再发送数据；它仍可以发 ACK，但不可能再发新数据。",
    "send.fin-after-fin": "本端的 FIN 已发出并被确认；每个方向只关闭一次，不可能再发第二个 FIN。",
    "send.no-connection": "本端没有连接，既没有可用的序列号，也没有可确认的东西。只有 SYN 能开始一个连接；其他报文"
                          "对方只会回 RST。",
    "send.no-such-segment": "没有 TCP 会发这种报文：除了最初的 SYN（和 RST），每个报文都带 ACK；SYN 与 FIN 同时出现"
                            "也毫无意义。",
}

UI = {
    'explain.state': '状态',
    'explain.stays': '保持不变',
    'explain.verdict': '判定',
    'explain.legal': '合法：TCP 此刻可以发送',
    'explain.illegal': '非法：正确的 TCP 此刻不会发送',
    'explain.sends': '发送',
    'explain.nothing': '不发送',
    'explain.rule': '规则',
    'explain.refs': '参见',
    'explain.simplifies': '⚑ 笔记在此处有所简化',
}
